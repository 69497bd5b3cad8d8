using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>Calls by one kind of credential (<c>none</c> included).</summary>
public sealed class ApiEndpointAuthScheme
{
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("calls")]
    public long Calls { get; set; }
}
