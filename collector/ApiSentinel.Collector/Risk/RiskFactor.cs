namespace ApiSentinel.Collector.Risk;

/// <summary>One named factor of an assessment: its weight, the points it scored (0..weight) and why.</summary>
public sealed record RiskFactor(string Name, double Weight, double Points, string Evidence);
