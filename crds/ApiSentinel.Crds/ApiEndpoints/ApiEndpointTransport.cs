using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>Calls by transport.</summary>
public sealed class ApiEndpointTransport
{
    /// <summary>Seen in clear text.</summary>
    [JsonPropertyName("plaintext")]
    public long Plaintext { get; set; }

    /// <summary>Seen inside TLS (a proxy, an in-process hook, a HAR recorded over https).</summary>
    [JsonPropertyName("tls")]
    public long Tls { get; set; }

    /// <summary>The source could not tell.</summary>
    [JsonPropertyName("unknown")]
    public long Unknown { get; set; }
}
