namespace ApiSentinel.Collector.Service.Configuration;

/// <summary>A custom sensitive-data detector pushed to sensors (the wire's <c>CustomDetector</c>, documented there).</summary>
public sealed class DetectorOptions
{
    public string Name { get; set; } = "";

    public string Pattern { get; set; } = "";

    public string Validator { get; set; } = "";

    public IList<string> FieldNames { get; } = [];

    public bool RequireFieldName { get; set; }
}
