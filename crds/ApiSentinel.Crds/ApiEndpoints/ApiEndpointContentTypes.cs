using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>Media types of request and response bodies.</summary>
public sealed class ApiEndpointContentTypes
{
    [JsonPropertyName("request")]
    public IList<ApiEndpointNamedCount>? Request { get; set; }

    [JsonPropertyName("response")]
    public IList<ApiEndpointNamedCount>? Response { get; set; }
}
