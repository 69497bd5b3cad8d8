using System.Reflection;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Contract;
using ApiSentinel.Crds.ApiEndpoints;
using ApiSentinel.Crds.ApiSpecs;
using ApiSentinel.Crds.Defenders;
using ApiSentinel.Crds.Tests.Manifests;

namespace ApiSentinel.Crds.Tests.Types;

/// <summary>
/// Every enum in the schemas is exactly the engine's constant set — the one home of those strings — so a value the
/// engine adds is either added to the CRD or this fails (the API server would otherwise refuse the write).
/// </summary>
public sealed class EnumTests
{
    public static TheoryData<string, string, Type> Enums => new()
    {
        { CrdManifests.ApiEndpoints, "status.state", typeof(EndpointStates) },
        { CrdManifests.ApiEndpoints, "status.risk.level", typeof(RiskLevels) },
        { CrdManifests.ApiEndpoints, "status.risk.factors.name", typeof(RiskFactorNames) },
        { CrdManifests.ApiEndpoints, "status.auth.schemes.kind", typeof(AuthKinds) },
        { CrdManifests.ApiEndpoints, "status.auth.issues.kind", typeof(AccessIssueKinds) },
        { CrdManifests.ApiEndpoints, "status.conformance.state", typeof(SpecStates) },
        { CrdManifests.ApiEndpoints, "status.conformance.violations.kind", typeof(ViolationKinds) },
        { CrdManifests.ApiEndpoints, "status.exposure", typeof(ExposureStates) },
        { CrdManifests.ApiEndpoints, "status.findings.kind", typeof(FindingKinds) },
        { CrdManifests.ApiEndpoints, "status.findings.severity", typeof(FindingSeverities) },
        { CrdManifests.ApiEndpoints, "status.truncated.lists", typeof(StatusLists) },
        { CrdManifests.ApiSpecs, "status.phase", typeof(ApiSpecPhases) },
        { CrdManifests.Defenders, "spec.mode", typeof(DefenderModes) },
    };

    [Theory]
    [MemberData(nameof(Enums))]
    public void The_schema_enum_is_the_engine_constant_set(string file, string path, Type constants)
    {
        var field = CrdDocument.Load(file).At(path);
        Assert.NotNull(field);
        var node = field!["type"]?.GetValue<string>() == "array" ? field["items"]!.AsObject() : field;
        var schemaValues = node["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(StringConstants(constants).Order(StringComparer.Ordinal), schemaValues);
    }

    [Fact]
    public void Each_list_bound_of_the_schema_is_the_projection_default()
    {
        var crd = CrdDocument.Load(CrdManifests.ApiEndpoints);
        var b = ProjectionBounds.Default;
        (string Path, int Bound)[] lists =
        [
            ("status.usage.topClients", b.TopClients), ("status.parameters.query", b.Fields), ("status.parameters.requestHeaders", b.Fields),
            ("status.parameters.responseHeaders", b.Fields), ("status.parameters.requestFields", b.Fields), ("status.parameters.responseFields", b.Fields),
            ("status.parameters.query.kinds", b.KindsPerField), ("status.usage.statusCodes", b.StatusCodes),
            ("status.parameters.contentTypes.request", b.ContentTypes), ("status.parameters.contentTypes.response", b.ContentTypes),
            ("status.sensitiveData", b.SensitiveData), ("status.sensitiveData.maskedSamples", b.MaskedSamples),
            ("status.conformance.violations", b.Violations), ("status.findings", b.Findings), ("status.auth.schemes", b.AuthItems),
            ("status.auth.locations", b.AuthItems), ("status.auth.jwtAlgorithms", b.AuthItems), ("status.auth.issues", b.AuthItems),
            ("status.namespaces", b.Workloads), ("status.workloads", b.Workloads),
        ];
        foreach (var (path, bound) in lists)
        {
            Assert.True(crd.At(path)?["maxItems"]?.GetValue<long>() == bound, $"{path}: maxItems should be {bound}");
        }
        Assert.Equal(b.FindingEvidence, crd.At("status.findings.evidence")!["maxProperties"]!.GetValue<long>());
        Assert.Equal(b.MaxTextLength, crd.At("status.sensitiveData.location")!["maxLength"]!.GetValue<long>());
        Assert.Equal(b.MaxTextLength, crd.At("status.risk.factors.evidence")!["maxLength"]!.GetValue<long>());
    }

    private static IEnumerable<string> StringConstants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
}
