using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>A header name or content type and the calls it appeared in.</summary>
public sealed class ApiEndpointNamedCount
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("calls")]
    public long Calls { get; set; }
}
