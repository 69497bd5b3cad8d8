using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>Short display strings for printer columns.</summary>
public sealed class ApiEndpointSummary
{
    /// <summary>Credential kinds, comma-separated (<c>bearer</c>, <c>none,api-key</c>).</summary>
    [JsonPropertyName("auth")]
    public string Auth { get; set; } = "";

    /// <summary>Sensitive-data types, comma-separated (<c>us-ssn,credit-card</c>); empty when none.</summary>
    [JsonPropertyName("sensitive")]
    public string Sensitive { get; set; } = "";
}
