using ApiSentinel.Collector.Findings;

namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Observed attacks or scanning: the most severe finding naming the endpoint sets the base; each further
/// finding adds a little (repeated attention from several clients or kinds).
/// </summary>
internal static class ObservedAttacksFactor
{
    public const double PerExtraFinding = 0.1;
    private const int MaxListed = 5;

    public static double SeverityScore(string severity) => severity switch
    {
        FindingSeverities.Critical => 1.0,
        FindingSeverities.High => 0.8,
        FindingSeverities.Medium => 0.5,
        _ => 0.25,
    };

    public static FactorReading Read(RiskInputs inputs)
    {
        // Findings about content (a secret in a static asset) are not attacks; the sensitive-data factor weighs them.
        var attacks = inputs.Findings.Where(finding => FindingKinds.IsBehavioural(finding.Kind)).ToList();
        if (attacks.Count == 0)
        {
            return new FactorReading(0, "no findings name this endpoint");
        }

        var ordered = attacks
            .OrderByDescending(finding => SeverityScore(finding.Severity))
            .ThenBy(finding => finding.Kind, StringComparer.Ordinal)
            .ThenBy(finding => finding.Client, StringComparer.Ordinal)
            .ThenBy(finding => finding.FromMicros)
            .ToList();
        var fraction = Math.Min(1.0, SeverityScore(ordered[0].Severity) + (PerExtraFinding * (ordered.Count - 1)));
        var evidence = string.Join("; ", ordered.Take(MaxListed).Select(finding => $"{finding.Kind} ({finding.Severity}) from {finding.Client}"));
        if (ordered.Count > MaxListed)
        {
            evidence += $"; +{ordered.Count - MaxListed} more";
        }

        return new FactorReading(fraction, evidence, $"{ordered[0].Kind} ({ordered[0].Severity})");
    }
}
