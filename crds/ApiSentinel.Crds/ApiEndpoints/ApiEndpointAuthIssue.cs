using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>A weak access-control pattern (<c>no-auth</c>, <c>jwt-alg-none</c>, …) with its evidence.</summary>
public sealed class ApiEndpointAuthIssue
{
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("evidence")]
    public string Evidence { get; set; } = "";
}
