using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>One of the endpoint's most frequent clients.</summary>
public sealed class ApiEndpointClient
{
    /// <summary>The client's IP address.</summary>
    [JsonPropertyName("address")]
    public string Address { get; set; } = "";

    [JsonPropertyName("calls")]
    public long Calls { get; set; }

    /// <summary>Outside the cluster and the private ranges.</summary>
    [JsonPropertyName("external")]
    public bool External { get; set; }

    /// <summary>ISO 3166 country code, when a GeoIP database was configured.</summary>
    [JsonPropertyName("country")]
    public string? Country { get; set; }

    /// <summary>The network's organisation, when a GeoIP database was configured.</summary>
    [JsonPropertyName("organisation")]
    public string? Organisation { get; set; }
}
