namespace ApiSentinel.Crds.Defenders;

/// <summary>Condition types of a <see cref="V1Alpha1Defender"/>.</summary>
public static class DefenderConditionTypes
{
    /// <summary>Every desired sensor is running and streaming.</summary>
    public const string Ready = "Ready";

    /// <summary>Some sensors run but a bound bit (drops) or some sensors are missing.</summary>
    public const string Degraded = "Degraded";
}
