using ApiSentinel.Collector.Risk;

namespace ApiSentinel.Collector.Tests.Risk;

public sealed class RiskWeightsTests
{
    [Fact]
    public void Defaults_are_documented_values()
    {
        var weights = new RiskWeights();
        Assert.Equal(
            [30.0, 25, 10, 15, 10, 20],
            RiskFactorNames.All.Select(weights.Of));
    }

    [Fact]
    public void Json_sets_the_named_factors_and_keeps_the_rest()
    {
        var weights = RiskWeights.FromJson("""{ "access-control": 40, "transport": 0, "observed-attacks": 12.5 }""");
        Assert.Equal(40, weights.AccessControl);
        Assert.Equal(0, weights.Transport);
        Assert.Equal(12.5, weights.ObservedAttacks);
        Assert.Equal(25, weights.SensitiveData);
    }

    [Fact]
    public void A_weight_changes_the_points_and_zero_keeps_the_factor_listed()
    {
        var inputs = Inputs.Clean() with { AuthKinds = new Dictionary<string, long> { ["none"] = 10 }, Plaintext = true, Method = "POST" };
        var assessment = RiskModel.Assess(inputs, RiskWeights.FromJson("""{"access-control": 50, "transport": 0}"""));
        Assert.Equal(50, assessment.Factor(RiskFactorNames.AccessControl).Points);
        var transport = assessment.Factor(RiskFactorNames.Transport);
        Assert.Equal(0, transport.Points);
        Assert.Equal("clear-text HTTP between internal clients only; carries no credential or sensitive data", transport.Evidence);
        Assert.Equal(50, assessment.Score);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[1, 2]", "expected a JSON object of factor name to number, got an array")]
    [InlineData("""{"accesscontrol": 3}""", "unknown factor 'accesscontrol' (known: access-control, sensitive-data, transport, exposure, spec-conformance, observed-attacks)")]
    [InlineData("""{"transport": "10"}""", "factor 'transport' must be a number, got a string")]
    [InlineData("""{"transport": -1}""", "factor 'transport' must be between 0 and 100, got -1")]
    [InlineData("""{"exposure": 101}""", "factor 'exposure' must be between 0 and 100, got 101")]
    [InlineData("""{"exposure": 1, "exposure": 2}""", "factor 'exposure' is given twice")]
    public void Bad_json_is_rejected_with_a_clear_message(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => RiskWeights.FromJson(json));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("risk weights: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_a_weight_out_of_range_throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RiskWeights { Exposure = 150 });
        Assert.Equal(RiskFactorNames.Exposure, error.ParamName);
    }
}
