using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>One way the traffic contradicts the spec.</summary>
public sealed class ApiEndpointViolation
{
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    /// <summary>What is wrong: a parameter, header, field path, status or credential kind.</summary>
    [JsonPropertyName("subject")]
    public string Subject { get; set; } = "";

    /// <summary>What was observed against what the spec says (names and kinds only).</summary>
    [JsonPropertyName("evidence")]
    public string Evidence { get; set; } = "";
}
