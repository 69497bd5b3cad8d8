namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// A detector defined in configuration: a named .NET regex plus an optional validator. A plain settable POCO so
/// JSON and YAML binders can fill it; the scanner compiles the pattern once.
/// </summary>
public sealed class CustomDetector
{
    /// <summary>Reported as <see cref="SensitiveMatch.Type"/>; should be kebab-case ("employee-id").</summary>
    public string Name { get; set; } = "";

    /// <summary>A .NET regular expression; matched case-sensitively and culture-invariantly.</summary>
    public string Pattern { get; set; } = "";

    public CustomValidator Validator { get; set; } = CustomValidator.None;

    /// <summary>
    /// Optional field names that give context (compared after snake/camel/kebab normalisation). A match in such a
    /// field is reported one confidence level higher.
    /// </summary>
#pragma warning disable CA1819 // A plain array keeps the type trivially bindable from JSON/YAML configuration.
    public string[] FieldNames { get; set; } = [];
#pragma warning restore CA1819

    /// <summary>When true, the detector only runs on values whose field name is in <see cref="FieldNames"/>.</summary>
    public bool RequireFieldName { get; set; }

    /// <summary>Confidence reported for a match outside any listed field.</summary>
    public SensitiveConfidence Confidence { get; set; } = SensitiveConfidence.Medium;
}
