using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>A behavioural or content finding that involved the endpoint (scanning, enumeration, …).</summary>
public sealed class ApiEndpointFinding
{
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("severity")]
    public string Severity { get; set; } = "";

    [JsonPropertyName("summary")]
    public string? Summary { get; set; }

    /// <summary>The client that behaved so; absent for content findings.</summary>
    [JsonPropertyName("client")]
    public string? Client { get; set; }

    /// <summary>The first contributing call, RFC 3339.</summary>
    [JsonPropertyName("from")]
    public string? From { get; set; }

    /// <summary>The last contributing call, RFC 3339.</summary>
    [JsonPropertyName("to")]
    public string? To { get; set; }

    /// <summary>Structure only — counts, ratios, templates, tool names — never request values.</summary>
    [JsonPropertyName("evidence")]
    public IDictionary<string, string>? Evidence { get; set; }
}
