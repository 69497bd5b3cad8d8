using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Risk;

namespace ApiSentinel.Collector.Tests.Risk;

/// <summary>The five examples of docs/risk-model.md; the tests assert the numbers the document shows.</summary>
public sealed class WorkedExamples
{
    internal static RiskInputs InternalAuthenticated() => new(
        Requests: 1000,
        AuthKinds: new Dictionary<string, long> { ["jwt"] = 1000 },
        JwtAlgorithms: ["RS256"],
        CredentialsInQuery: [],
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
        CredentialsInQuery: [],
        DistinctCredentials: 0,
        SensitiveData: [new SensitiveExposure("us-ssn", "response.body.$.customer.ssn", 400, 400)],
        Plaintext: true,
        ExternalClientCalls: 400,
        InternalClientCalls: 0,
        SpecState: "shadow",
        ViolationCount: 0,
        Findings: []) { Method = "GET" };

    internal static RiskInputs AlgNoneScanned() => new(
        Requests: 200,
        AuthKinds: new Dictionary<string, long> { ["jwt"] = 200 },
        JwtAlgorithms: ["none", "RS256"],
        CredentialsInQuery: [],
        DistinctCredentials: 40,
        SensitiveData: [],
        Plaintext: true,
        ExternalClientCalls: 100,
        InternalClientCalls: 100,
        SpecState: "conformant",
        ViolationCount: 0,
        Findings: [new Finding(FindingKinds.Scanner, FindingSeverities.High, "203.0.113.50", 0, 1, "nikto", new Dictionary<string, string>(), [])]);

    internal static RiskInputs UnauthenticatedDelete() => new(
        Requests: 20,
        AuthKinds: new Dictionary<string, long> { ["none"] = 20 },
        JwtAlgorithms: [],
        CredentialsInQuery: [],
        DistinctCredentials: 0,
        SensitiveData: [],
        Plaintext: true,
        ExternalClientCalls: 0,
        InternalClientCalls: 20,
        SpecState: "no-spec",
        ViolationCount: 0,
        Findings: []) { Method = "DELETE" };

    internal static RiskInputs CardInStaticScript() => new(
        Requests: 3,
        AuthKinds: new Dictionary<string, long> { ["none"] = 3 },
        JwtAlgorithms: [],
        CredentialsInQuery: [],
        DistinctCredentials: 0,
        SensitiveData: [new SensitiveExposure("credit-card", "response.body", 3, 3)],
        Plaintext: true,
        ExternalClientCalls: 0,
        InternalClientCalls: 0,
        SpecState: "no-spec",
        ViolationCount: 0,
        Findings: [new Finding(FindingKinds.SecretInStaticAsset, FindingSeverities.High, null, 0, 1, "card in script", new Dictionary<string, string>(), [])])
    {
        Method = "GET",
        StaticAsset = true,
        UnknownClientCalls = 3,
    };

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
            "transport 10 5 | clear-text HTTP between internal clients only; carries credentials",
            "exposure 15 0 | no external clients (1000 internal calls)",
            "spec-conformance 10 0 | conformant to its spec",
            "observed-attacks 20 0 | no findings name this endpoint",
        ], Table(assessment));
    }

    [Fact]
    public void Example_2_external_unauthenticated_shadow_endpoint_leaking_ssns()
    {
        var assessment = RiskModel.Assess(ShadowSsn(), new RiskWeights());
        Assert.Equal(75, assessment.Score);
        Assert.Equal("critical", assessment.Level);
        Assert.Equal(
        [
            "access-control 30 18 | no authentication on any of 400 calls",
            "sensitive-data 25 23.67 | us-ssn returned at response.body.$.customer.ssn (400 in 400 calls)",
            "transport 10 10 | clear-text HTTP, 400 calls from external clients; carries us-ssn",
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
            "transport 10 10 | clear-text HTTP, 100 calls from external clients; carries credentials",
            "exposure 15 11.25 | 100 of 200 calls from external clients (50%)",
            "spec-conformance 10 0 | conformant to its spec",
            "observed-attacks 20 16 | scanner (high) from 203.0.113.50",
        ], Table(assessment));
    }

    [Fact]
    public void Example_4_unauthenticated_delete_on_an_internal_api()
    {
        var assessment = RiskModel.Assess(UnauthenticatedDelete(), new RiskWeights());
        var read = RiskModel.Assess(UnauthenticatedDelete() with { Method = "GET" }, new RiskWeights());
        Assert.Equal(34, assessment.Score);
        Assert.Equal("medium", assessment.Level);
        Assert.Equal(22, read.Score); // the same endpoint read-only: an open DELETE ranks above an open GET
        Assert.Equal(
        [
            "access-control 30 30 | no authentication on any of 20 calls of a state-changing method (DELETE)",
            "sensitive-data 25 0 | no sensitive data observed",
            "transport 10 1.25 | clear-text HTTP between internal clients only; carries no credential or sensitive data",
            "exposure 15 0 | no external clients (20 internal calls)",
            "spec-conformance 10 3 | no spec to compare against",
            "observed-attacks 20 0 | no findings name this endpoint",
        ], Table(assessment));
        Assert.Equal(["no auth on DELETE", "no spec"], assessment.Leading(2).Select(f => f.Summary));
    }

    [Fact]
    public void Example_5_a_test_card_in_a_static_script_recorded_in_a_har()
    {
        var assessment = RiskModel.Assess(CardInStaticScript(), new RiskWeights());
        Assert.Equal(17, assessment.Score);
        Assert.Equal("low", assessment.Level);
        Assert.Equal(
        [
            "access-control 30 0 | static asset: public by design",
            "sensitive-data 25 12.44 | credit-card returned at response.body (3 in 3 calls)",
            "transport 10 5 | clear-text HTTP, clients unknown; carries credit-card",
            "exposure 15 0 | client addresses unknown for all 3 calls: exposure not observed",
            "spec-conformance 10 0 | static asset: API specs do not describe it",
            "observed-attacks 20 0 | no findings name this endpoint",
        ], Table(assessment));
        Assert.True(assessment.Score < RiskModel.Assess(ShadowSsn(), new RiskWeights()).Score);
        Assert.True(assessment.Score < RiskModel.Assess(UnauthenticatedDelete(), new RiskWeights()).Score);
    }

    internal static RiskInputs CardOverClearText(long external = 0) => new(
        Requests: 1,
        AuthKinds: new Dictionary<string, long> { ["jwt"] = 1 },
        JwtAlgorithms: ["HS256"],
        CredentialsInQuery: [],
        DistinctCredentials: 1,
        SensitiveData: [new SensitiveExposure("credit-card", "request.body.$.payer.cardNumber", 1, 1)],
        Plaintext: true,
        ExternalClientCalls: external,
        InternalClientCalls: 1 - external,
        SpecState: "conformant",
        ViolationCount: 0,
        Findings: []) { Method = "POST" };

    internal static RiskInputs OpenHealthCheck(long external = 0) => new(
        Requests: 1,
        AuthKinds: new Dictionary<string, long> { ["none"] = 1 },
        JwtAlgorithms: [],
        CredentialsInQuery: [],
        DistinctCredentials: 0,
        SensitiveData: [],
        Plaintext: true,
        ExternalClientCalls: external,
        InternalClientCalls: 1 - external,
        SpecState: "conformant",
        ViolationCount: 0,
        Findings: []) { Method = "GET" };

    [Fact]
    public void Example_6_a_card_received_over_clear_text_outranks_an_empty_open_health_check()
    {
        var card = RiskModel.Assess(CardOverClearText(), new RiskWeights());
        var health = RiskModel.Assess(OpenHealthCheck(), new RiskWeights());
        Assert.Equal(20, card.Score);
        Assert.Equal(19, health.Score);
        Assert.Equal(
        [
            "access-control 30 6 | weakest scheme: jwt (1 of 1 calls); symmetric JWT algorithm HS256 (shared secret)",
            "sensitive-data 25 9 | credit-card received at request.body.$.payer.cardNumber (1 in 1 calls)",
            "transport 10 5 | clear-text HTTP between internal clients only; carries credit-card",
            "exposure 15 0 | no external clients (1 internal calls)",
            "spec-conformance 10 0 | conformant to its spec",
            "observed-attacks 20 0 | no findings name this endpoint",
        ], Table(card));
        Assert.Equal("transport 10 1.25 | clear-text HTTP between internal clients only; carries no credential or sensitive data",
            Table(health)[2]);
    }

    /// <summary>The order holds whoever the clients are, and the more cards are seen the further apart they are.</summary>
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(0, 50)]
    [InlineData(1, 1000)]
    public void A_card_over_clear_text_ranks_above_an_empty_open_read_for_any_exposure_and_volume(long external, long cards)
    {
        var card = CardOverClearText(external) with { SensitiveData = [new SensitiveExposure("credit-card", "request.body.$.pan", cards, cards)] };
        Assert.True(RiskModel.Assess(card, new RiskWeights()).Score > RiskModel.Assess(OpenHealthCheck(external), new RiskWeights()).Score);
    }
}
