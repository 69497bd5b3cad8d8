using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Risk;

namespace ApiSentinel.Collector.Tests.Risk;

public sealed class OtherFactorTests
{
    private static RiskFactor Sensitive(params (string Type, string Location)[] items) =>
        Inputs.Assess(Inputs.Clean() with { SensitiveData = items }, RiskFactorNames.SensitiveData);

    [Theory]
    [InlineData("us-ssn", "response.body.$.ssn", 25)]
    [InlineData("us-ssn", "request.body.$.ssn", 12.5)]
    [InlineData("credit-card", "response.body.$.pan", 25)]
    [InlineData("private-key", "response.body.$.key", 25)]
    [InlineData("email", "response.body.$.email", 7.5)]
    [InlineData("email", "request.body.$.email", 3.75)]
    [InlineData("date-of-birth", "response.body.$.dob", 15)]
    [InlineData("my-custom-id", "response.body.$.x", 15)]
    [InlineData("us-ssn", "somewhere", 25)] // unknown direction is assumed the worse one
    public void Sensitive_data_scores_by_type_and_direction(string type, string location, double points)
    {
        var factor = Sensitive((type, location));
        Assert.Equal(points, factor.Points);
        Assert.Equal($"{type} at {location}", factor.Evidence);
    }

    [Fact]
    public void Each_extra_sensitive_type_adds_a_little()
    {
        var factor = Sensitive(("email", "response.body.$.email"), ("phone-number", "response.body.$.phone"), ("email", "request.body.$.email"));
        Assert.Equal(10, factor.Points); // 0.3 + 0.1 × 1 extra type
        Assert.Equal("email at response.body.$.email; phone-number at response.body.$.phone; email at request.body.$.email", factor.Evidence);
    }

    [Fact]
    public void No_sensitive_data_scores_nothing()
    {
        var factor = Sensitive();
        Assert.Equal(0, factor.Points);
        Assert.Equal("no sensitive data observed", factor.Evidence);
    }

    [Theory]
    [InlineData(true, 5, 10, "clear-text HTTP, 5 calls from external clients")]
    [InlineData(true, 0, 5, "clear-text HTTP between internal clients only")]
    [InlineData(false, 5, 0, "no clear-text calls observed")]
    public void Transport_scores_clear_text_worse_when_external(bool plaintext, long external, double points, string evidence)
    {
        var factor = Inputs.Assess(Inputs.Clean() with { Plaintext = plaintext, ExternalClientCalls = external }, RiskFactorNames.Transport);
        Assert.Equal(points, factor.Points);
        Assert.Equal(evidence, factor.Evidence);
    }

    [Theory]
    [InlineData(0, 100, 0, "no external clients (100 internal calls)")]
    [InlineData(50, 50, 11.25, "50 of 100 calls from external clients (50%)")]
    [InlineData(100, 0, 15, "100 of 100 calls from external clients (100%)")]
    public void Exposure_grows_with_the_external_share(long external, long internalCalls, double points, string evidence)
    {
        var factor = Inputs.Assess(Inputs.Clean() with { ExternalClientCalls = external, InternalClientCalls = internalCalls }, RiskFactorNames.Exposure);
        Assert.Equal(points, factor.Points);
        Assert.Equal(evidence, factor.Evidence);
    }

    [Theory]
    [InlineData("conformant", 0, 0)]
    [InlineData("no-spec", 0, 3)]
    [InlineData("non-conformant", 3, 5.5)]
    [InlineData("non-conformant", 50, 8)]
    [InlineData("shadow", 0, 8)]
    [InlineData("zombie", 0, 10)]
    [InlineData("bogus", 0, 3)]
    public void Spec_state_scores(string state, int violations, double points)
    {
        var factor = Inputs.Assess(Inputs.Clean() with { SpecState = state, ViolationCount = violations }, RiskFactorNames.SpecConformance);
        Assert.Equal(points, factor.Points);
        Assert.False(string.IsNullOrEmpty(factor.Evidence));
    }

    [Fact]
    public void Findings_score_by_their_worst_severity_plus_a_little_each()
    {
        Finding[] findings =
        [
            Inputs.Finding(FindingKinds.Enumeration, FindingSeverities.Medium, "198.51.100.4"),
            Inputs.Finding(FindingKinds.Scanner, FindingSeverities.High, "198.51.100.9"),
        ];
        var factor = Inputs.Assess(Inputs.Clean() with { Findings = findings }, RiskFactorNames.ObservedAttacks);
        Assert.Equal(18, factor.Points); // 0.8 + 0.1
        Assert.Equal("scanner (high) from 198.51.100.9; enumeration (medium) from 198.51.100.4", factor.Evidence);
    }

    [Theory]
    [InlineData(FindingSeverities.Low, 5)]
    [InlineData(FindingSeverities.Medium, 10)]
    [InlineData(FindingSeverities.High, 16)]
    [InlineData(FindingSeverities.Critical, 20)]
    public void One_finding_scores_by_severity(string severity, double points)
    {
        var inputs = Inputs.Clean() with { Findings = [Inputs.Finding(FindingKinds.AuthFailureBurst, severity, "192.0.2.1")] };
        Assert.Equal(points, Inputs.Assess(inputs, RiskFactorNames.ObservedAttacks).Points);
    }

    [Fact]
    public void A_clean_endpoint_lists_every_factor_at_zero_with_evidence()
    {
        var assessment = RiskModel.Assess(Inputs.Clean(), new RiskWeights());
        Assert.Equal(0, assessment.Score);
        Assert.Equal(RiskLevels.None, assessment.Level);
        Assert.Equal(RiskFactorNames.All, assessment.Factors.Select(factor => factor.Name));
        Assert.All(assessment.Factors, factor =>
        {
            Assert.Equal(0, factor.Points);
            Assert.False(string.IsNullOrWhiteSpace(factor.Evidence));
        });
    }
}
