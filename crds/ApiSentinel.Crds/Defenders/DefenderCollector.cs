using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.Defenders;

/// <summary>Where the sensors stream to and how they authenticate.</summary>
public sealed class DefenderCollector
{
    /// <summary>The collector's gRPC address (<c>https://apisentinel-collector.apisentinel:4317</c>).</summary>
    [JsonPropertyName("address")]
    public string Address { get; set; } = "";

    /// <summary>The Secret key holding the sensors' bearer token.</summary>
    [JsonPropertyName("tokenSecretRef")]
    public SecretKeyReference? TokenSecretRef { get; set; }
}
