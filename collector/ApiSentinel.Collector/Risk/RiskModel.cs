namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Scores one endpoint: each factor reads a fraction 0..1 with its evidence, points = weight × fraction
/// (rounded to 2 decimals), score = sum of points rounded half away from zero and capped at 100. Pure and
/// deterministic: the same inputs and weights always give the same assessment.
/// </summary>
public static class RiskModel
{
    public static RiskAssessment Assess(RiskInputs inputs, RiskWeights weights)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(weights);

        RiskFactor[] factors =
        [
            Score(RiskFactorNames.AccessControl, weights.AccessControl, AccessControlFactor.Read(inputs)),
            Score(RiskFactorNames.SensitiveData, weights.SensitiveData, SensitiveDataFactor.Read(inputs)),
            Score(RiskFactorNames.Transport, weights.Transport, TransportFactor.Read(inputs)),
            Score(RiskFactorNames.Exposure, weights.Exposure, ExposureFactor.Read(inputs)),
            Score(RiskFactorNames.SpecConformance, weights.SpecConformance, SpecConformanceFactor.Read(inputs)),
            Score(RiskFactorNames.ObservedAttacks, weights.ObservedAttacks, ObservedAttacksFactor.Read(inputs)),
        ];

        var total = factors.Sum(factor => factor.Points);
        var score = (int)Math.Min(100, Math.Round(total, MidpointRounding.AwayFromZero));
        return new RiskAssessment(score, RiskLevels.Of(score), factors);
    }

    /// <summary>How bad one value of a sensitive-data type is (0..1), the order outputs list types in.</summary>
    public static double SensitiveTypeSeverity(string type) => SensitiveDataFactor.TypeSeverity(type);

    private static RiskFactor Score(string name, double weight, FactorReading reading)
    {
        var fraction = Math.Clamp(reading.Fraction, 0, 1);
        var points = Math.Round(weight * fraction, 2, MidpointRounding.AwayFromZero);
        return new RiskFactor(name, weight, points, reading.Evidence, points > 0 ? reading.Summary : "");
    }
}
