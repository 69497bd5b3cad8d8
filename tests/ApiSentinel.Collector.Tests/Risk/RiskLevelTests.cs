using ApiSentinel.Collector.Risk;

namespace ApiSentinel.Collector.Tests.Risk;

public sealed class RiskLevelTests
{
    [Theory]
    [InlineData(0, "none")]
    [InlineData(1, "low")]
    [InlineData(24, "low")]
    [InlineData(25, "medium")]
    [InlineData(49, "medium")]
    [InlineData(50, "high")]
    [InlineData(74, "high")]
    [InlineData(75, "critical")]
    [InlineData(100, "critical")]
    public void Score_bands_map_to_levels(int score, string level)
    {
        Assert.Equal(level, RiskLevels.Of(score));
    }

    [Fact]
    public void The_score_is_capped_at_100()
    {
        var weights = RiskWeights.FromJson("""{"access-control": 100, "transport": 100}""");
        var inputs = Inputs.Clean() with { AuthKinds = new Dictionary<string, long> { ["none"] = 100 }, Plaintext = true, ExternalClientCalls = 100, Method = "DELETE" };

        var assessment = RiskModel.Assess(inputs, weights);

        Assert.Equal(100, assessment.Score);
        Assert.Equal(RiskLevels.Critical, assessment.Level);
        Assert.Equal(100 + 25 + 11.25, assessment.Factors.Sum(factor => factor.Points)); // the factors still show their own points
    }

    [Fact]
    public void The_score_rounds_half_away_from_zero()
    {
        // Exposure 50/50 scores 0.75 of its weight: 0.75 × 14 = 10.5, which banker's rounding would make 10.
        var inputs = Inputs.Clean() with { ExternalClientCalls = 50, InternalClientCalls = 50 };
        var assessment = RiskModel.Assess(inputs, new RiskWeights { Exposure = 14 });
        Assert.Equal(10.5, assessment.Factor(RiskFactorNames.Exposure).Points);
        Assert.Equal(11, assessment.Score);
        Assert.Equal(RiskLevels.Low, assessment.Level);
    }

    [Fact]
    public void Assessments_are_deterministic()
    {
        var inputs = WorkedExamples.ShadowSsn();
        var first = RiskModel.Assess(inputs, new RiskWeights());
        var second = RiskModel.Assess(inputs, new RiskWeights());
        Assert.Equal(first.Score, second.Score);
        Assert.Equal(first.Factors, second.Factors);
    }
}
