using System.Text.Json.Serialization;
using k8s.Models;

namespace ApiSentinel.Crds.ApiSpecs;

/// <summary>What the collector made of the spec, and what the traffic on its hosts looks like against it.</summary>
public sealed class ApiSpecStatus
{
    /// <summary><see cref="ApiSpecPhases"/>.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>Why the document is invalid (the parser's error, one line); absent when parsed.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Observed endpoints on the spec's hosts.</summary>
    [JsonPropertyName("endpoints")]
    public long Endpoints { get; set; }

    /// <summary>Observed endpoints the spec does not document.</summary>
    [JsonPropertyName("shadow")]
    public long Shadow { get; set; }

    /// <summary>Observed endpoints that contradict their operation.</summary>
    [JsonPropertyName("nonConformant")]
    public long NonConformant { get; set; }

    /// <summary>The <c>metadata.generation</c> this status describes.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}
