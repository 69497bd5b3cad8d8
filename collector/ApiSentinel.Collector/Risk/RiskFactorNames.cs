namespace ApiSentinel.Collector.Risk;

/// <summary>The factor names, as they appear in assessments and as keys of the weights JSON.</summary>
public static class RiskFactorNames
{
    public const string AccessControl = "access-control";
    public const string SensitiveData = "sensitive-data";
    public const string Transport = "transport";
    public const string Exposure = "exposure";
    public const string SpecConformance = "spec-conformance";
    public const string ObservedAttacks = "observed-attacks";

    /// <summary>Every factor, in the order assessments list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [AccessControl, SensitiveData, Transport, Exposure, SpecConformance, ObservedAttacks];
}
