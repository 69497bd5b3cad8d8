using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>The names (never values) of what the endpoint's calls carried, with the kinds of value seen.</summary>
public sealed class ApiEndpointParameters
{
    [JsonPropertyName("query")]
    public IList<ApiEndpointField>? Query { get; set; }

    [JsonPropertyName("requestHeaders")]
    public IList<ApiEndpointNamedCount>? RequestHeaders { get; set; }

    [JsonPropertyName("responseHeaders")]
    public IList<ApiEndpointNamedCount>? ResponseHeaders { get; set; }

    /// <summary>Request body fields, as JSON paths (<c>$.user.id</c>).</summary>
    [JsonPropertyName("requestFields")]
    public IList<ApiEndpointField>? RequestFields { get; set; }

    /// <summary>Response body fields, as JSON paths.</summary>
    [JsonPropertyName("responseFields")]
    public IList<ApiEndpointField>? ResponseFields { get; set; }

    [JsonPropertyName("contentTypes")]
    public ApiEndpointContentTypes? ContentTypes { get; set; }
}
