namespace ApiSentinel.Collector.Risk;

/// <summary>How much of its weight a factor scores (0..1) and the evidence for it.</summary>
internal readonly record struct FactorReading(double Fraction, string Evidence);
