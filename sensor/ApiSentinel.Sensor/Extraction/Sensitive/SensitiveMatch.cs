namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// One detected piece of sensitive data: its type and where it is, never its value. <see cref="Start"/> and
/// <see cref="Length"/> are in chars for <see cref="SensitiveDataScanner.ScanValue"/> and in bytes for
/// <see cref="SensitiveDataScanner.ScanText"/>.
/// </summary>
/// <param name="Type">Stable kebab-case name (<see cref="SensitiveDataTypeNames"/>) or the custom detector's name.</param>
public readonly record struct SensitiveMatch(string Type, int Start, int Length, SensitiveConfidence Confidence)
{
    /// <summary>
    /// A masked sample ("4111********1111"), set only when <see cref="SensitiveDataOptions.IncludeMaskedSamples"/>
    /// is on; null otherwise.
    /// </summary>
    public string? MaskedSample { get; init; }
}
