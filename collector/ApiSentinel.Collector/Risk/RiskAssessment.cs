namespace ApiSentinel.Collector.Risk;

/// <summary>
/// An endpoint's risk: score 0–100 (sum of factor points, rounded, capped), its level, and every factor —
/// including those that scored nothing — so the number can always be explained.
/// </summary>
public sealed record RiskAssessment(int Score, string Level, IReadOnlyList<RiskFactor> Factors);
