namespace ApiSentinel.Collector.Risk;

/// <summary>How much of its weight a factor scores (0..1), the evidence for it, and a few words for a table.</summary>
internal readonly record struct FactorReading(double Fraction, string Evidence, string Summary = "");
