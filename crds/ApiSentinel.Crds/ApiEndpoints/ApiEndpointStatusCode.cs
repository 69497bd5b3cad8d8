using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>Calls answered with one status code.</summary>
public sealed class ApiEndpointStatusCode
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("calls")]
    public long Calls { get; set; }
}
