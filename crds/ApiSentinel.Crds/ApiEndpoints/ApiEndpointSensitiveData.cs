using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>A kind of sensitive data found in one place of the endpoint's calls.</summary>
public sealed class ApiEndpointSensitiveData
{
    /// <summary>A built-in detector's type (<c>credit-card</c>, <c>us-ssn</c>, …) or a custom detector's name.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>Where: <c>request.query.ssn</c>, <c>response.body.$.card</c>, <c>request.header.x-token</c>.</summary>
    [JsonPropertyName("location")]
    public string Location { get; set; } = "";

    /// <summary>Calls it appeared in.</summary>
    [JsonPropertyName("calls")]
    public long Calls { get; set; }

    /// <summary>Occurrences (several per call in a list).</summary>
    [JsonPropertyName("occurrences")]
    public long? Occurrences { get; set; }

    /// <summary>Masked samples (<c>4111********1111</c>), only when the sensors were told to include them.</summary>
    [JsonPropertyName("maskedSamples")]
    public IList<string>? MaskedSamples { get; set; }
}
