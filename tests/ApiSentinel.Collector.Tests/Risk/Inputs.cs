using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Risk;

namespace ApiSentinel.Collector.Tests.Risk;

/// <summary>A baseline endpoint that scores zero on every factor, to vary one factor at a time.</summary>
internal static class Inputs
{
    public static RiskInputs Clean() => new(
        Requests: 100,
        AuthKinds: new Dictionary<string, long> { ["mtls"] = 100 },
        JwtAlgorithms: [],
        CredentialsInQuery: [],
        DistinctCredentials: 3,
        SensitiveData: [],
        Plaintext: false,
        ExternalClientCalls: 0,
        InternalClientCalls: 100,
        SpecState: "conformant",
        ViolationCount: 0,
        Findings: []);

    public static RiskFactor Factor(this RiskAssessment assessment, string name) =>
        Assert.Single(assessment.Factors, factor => factor.Name == name);

    public static RiskFactor Assess(RiskInputs inputs, string factor) =>
        RiskModel.Assess(inputs, new RiskWeights()).Factor(factor);

    public static Finding Finding(string kind, string severity, string client) =>
        new(kind, severity, client, 0, 1, "test", new Dictionary<string, string>(), []);
}
