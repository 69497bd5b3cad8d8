using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Risk;

namespace ApiSentinel.Collector.Tests.Risk;

/// <summary>The three examples of docs/risk-model.md; the tests assert the numbers the document shows.</summary>
public sealed class WorkedExamples
{
    internal static RiskInputs InternalAuthenticated() => new(
        Requests: 1000,
        AuthKinds: new Dictionary<string, long> { ["jwt"] = 1000 },
        JwtAlgorithms: ["RS256"],
        CredentialsInQuery: false,
        DistinctCredentials: 12,
        SensitiveData: [],
        Plaintext: true,
        ExternalClientCalls: 0,
        InternalClientCalls: 1000,
        SpecState: "conformant",
        ViolationCount: 0,
        Findings: []);

    internal static RiskInputs ShadowSsn() => new(
        Requests: 400,
        AuthKinds: new Dictionary<string, long> { ["none"] = 400 },
        JwtAlgorithms: [],
        CredentialsInQuery: false,
        DistinctCredentials: 0,
        SensitiveData: [("us-ssn", "response.body.$.customer.ssn")],
        Plaintext: true,
        ExternalClientCalls: 400,
        InternalClientCalls: 0,
        SpecState: "shadow",
        ViolationCount: 0,
        Findings: []);

    internal static RiskInputs AlgNoneScanned() => new(
        Requests: 200,
        AuthKinds: new Dictionary<string, long> { ["jwt"] = 200 },
        JwtAlgorithms: ["none", "RS256"],
        CredentialsInQuery: false,
        DistinctCredentials: 40,
        SensitiveData: [],
        Plaintext: true,
        ExternalClientCalls: 100,
        InternalClientCalls: 100,
        SpecState: "conformant",
        ViolationCount: 0,
        Findings: [new Finding(FindingKinds.Scanner, FindingSeverities.High, "203.0.113.50", 0, 1, "nikto", new Dictionary<string, string>(), [])]);

    private static string[] Table(RiskAssessment assessment) =>
        assessment.Factors.Select(factor => $"{factor.Name} {factor.Weight} {factor.Points} | {factor.Evidence}").ToArray();

    [Fact]
    public void Example_1_internal_authenticated_conformant_endpoint()
    {
        var assessment = RiskModel.Assess(InternalAuthenticated(), new RiskWeights());
        Assert.Equal(8, assessment.Score);
        Assert.Equal("low", assessment.Level);
        Assert.Equal(
        [
            "access-control 30 3 | weakest scheme: jwt (1000 of 1000 calls)",
            "sensitive-data 25 0 | no sensitive data observed",
            "transport 10 5 | clear-text HTTP between internal clients only",
            "exposure 15 0 | no external clients (1000 internal calls)",
            "spec-conformance 10 0 | conformant to its spec",
            "observed-attacks 20 0 | no findings name this endpoint",
        ], Table(assessment));
    }

    [Fact]
    public void Example_2_external_unauthenticated_shadow_endpoint_leaking_ssns()
    {
        var assessment = RiskModel.Assess(ShadowSsn(), new RiskWeights());
        Assert.Equal(88, assessment.Score);
        Assert.Equal("critical", assessment.Level);
        Assert.Equal(
        [
            "access-control 30 30 | no authentication on any of 400 calls",
            "sensitive-data 25 25 | us-ssn at response.body.$.customer.ssn",
            "transport 10 10 | clear-text HTTP, 400 calls from external clients",
            "exposure 15 15 | 400 of 400 calls from external clients (100%)",
            "spec-conformance 10 8 | shadow endpoint: not in the spec",
            "observed-attacks 20 0 | no findings name this endpoint",
        ], Table(assessment));
    }

    [Fact]
    public void Example_3_jwt_alg_none_endpoint_hit_by_a_scanner()
    {
        var assessment = RiskModel.Assess(AlgNoneScanned(), new RiskWeights());
        Assert.Equal(67, assessment.Score);
        Assert.Equal("high", assessment.Level);
        Assert.Equal(
        [
            "access-control 30 30 | weakest scheme: jwt (200 of 200 calls); JWT alg none (unsigned tokens accepted)",
            "sensitive-data 25 0 | no sensitive data observed",
            "transport 10 10 | clear-text HTTP, 100 calls from external clients",
            "exposure 15 11.25 | 100 of 200 calls from external clients (50%)",
            "spec-conformance 10 0 | conformant to its spec",
            "observed-attacks 20 16 | scanner (high) from 203.0.113.50",
        ], Table(assessment));
    }
}
