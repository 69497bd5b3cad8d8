namespace ApiSentinel.Collector.Risk;

/// <summary>
/// An endpoint's risk: score 0–100 (sum of factor points, rounded, capped), its level, and every factor —
/// including those that scored nothing — so the number can always be explained.
/// </summary>
public sealed record RiskAssessment(int Score, string Level, IReadOnlyList<RiskFactor> Factors)
{
    /// <summary>The factors that scored most, highest first (ties in factor order); only those that scored.</summary>
    public IReadOnlyList<RiskFactor> Leading(int count) =>
        Factors.Where(f => f.Points > 0).Select((f, i) => (f, i)).OrderByDescending(p => p.f.Points).ThenBy(p => p.i)
            .Take(count).Select(p => p.f).ToList();
}
