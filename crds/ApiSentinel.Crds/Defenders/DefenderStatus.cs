using System.Text.Json.Serialization;
using k8s.Models;

namespace ApiSentinel.Crds.Defenders;

/// <summary>How far the operator got: sensors wanted and ready, and conditions (<see cref="DefenderConditionTypes"/>).</summary>
public sealed class DefenderStatus
{
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    /// <summary>The <c>metadata.generation</c> this status describes.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Sensors the Defender should run (nodes for a DaemonSet, selected pods for sidecars).</summary>
    [JsonPropertyName("desiredSensors")]
    public int DesiredSensors { get; set; }

    /// <summary>Sensors running and streaming to the collector.</summary>
    [JsonPropertyName("readySensors")]
    public int ReadySensors { get; set; }
}
