namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>How sure a detector is. Validators (Luhn, mod-97, JSON header) and field-name context move a match up.</summary>
public enum SensitiveConfidence
{
    Low,
    Medium,
    High,
}
