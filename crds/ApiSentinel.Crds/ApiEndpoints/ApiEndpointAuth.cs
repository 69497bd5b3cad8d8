using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>The credentials the endpoint's calls carried (kinds and places, never values) and weak patterns seen.</summary>
public sealed class ApiEndpointAuth
{
    [JsonPropertyName("schemes")]
    public IList<ApiEndpointAuthScheme>? Schemes { get; set; }

    /// <summary>Where credentials were carried: <c>header:authorization</c>, <c>query:api_key</c>, <c>cookie:sid</c>.</summary>
    [JsonPropertyName("locations")]
    public IList<string>? Locations { get; set; }

    [JsonPropertyName("jwtAlgorithms")]
    public IList<string>? JwtAlgorithms { get; set; }

    /// <summary>Distinct credentials (by keyed fingerprint) that called the endpoint.</summary>
    [JsonPropertyName("distinctCredentials")]
    public long DistinctCredentials { get; set; }

    /// <summary>True when <see cref="DistinctCredentials"/> reached the engine's bound: at least that many.</summary>
    [JsonPropertyName("distinctCredentialsCapped")]
    public bool? DistinctCredentialsCapped { get; set; }

    [JsonPropertyName("issues")]
    public IList<ApiEndpointAuthIssue>? Issues { get; set; }

    /// <summary>The credential kinds in a few words (<c>bearer</c>, <c>none,api-key</c>): what the Auth column shows.</summary>
    [JsonPropertyName("summary")]
    public string? Summary { get; set; }
}
