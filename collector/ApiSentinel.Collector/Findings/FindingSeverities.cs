namespace ApiSentinel.Collector.Findings;

/// <summary>The values of <see cref="Finding.Severity"/>, weakest first.</summary>
public static class FindingSeverities
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";
    public const string Critical = "critical";
}
