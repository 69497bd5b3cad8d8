using System.Text.Json.Nodes;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Crds.ApiSpecs;
using ApiSentinel.Crds.Defenders;
using ApiSentinel.Crds.Tests.Manifests;
using ApiSentinel.FakeApiServer.Schema;
using k8s.Models;

namespace ApiSentinel.Crds.Tests.Types;

/// <summary>
/// Defender and ApiSpec objects built from the C# types, as the operator and the collector write them, against
/// their manifests' schemas: complete ones validate; the CEL rules refuse the mode-dependent and exclusive mistakes.
/// </summary>
public sealed class ResourceValidationTests
{
    private static IReadOnlyList<string> Errors(string file, object resource)
    {
        var validator = CrdValidator.For(CrdDocument.Load(file).Schema);
        var obj = JsonNode.Parse(ApiEndpointJson.Serialize(resource))!.AsObject();
        var errors = validator.Validate(obj, null).Select(e => e.Message).ToList();
        Assert.Empty(validator.SkippedRules);
        return errors;
    }

    private static V1Alpha1Defender Defender(Action<DefenderSpec> change)
    {
        var defender = new V1Alpha1Defender
        {
            Metadata = new V1ObjectMeta { Name = "shop", NamespaceProperty = "shop" },
            Spec = new DefenderSpec
            {
                Mode = DefenderModes.DaemonSet,
                NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["team"] = "shop" } },
                PodSelector = new V1LabelSelector
                {
                    MatchExpressions = [new V1LabelSelectorRequirement { Key = "app", OperatorProperty = "In", Values = ["orders", "users"] }],
                },
                Ports = [8080, 9090],
                BodyInspectionLimit = 65536,
                Collector = new DefenderCollector
                {
                    Address = "https://apisentinel-collector.apisentinel:4317",
                    TokenSecretRef = new SecretKeyReference { Name = "sensor-token", Key = "token" },
                },
                Resources = new V1ResourceRequirements
                {
                    Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("256Mi") },
                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m") },
                },
            },
            Status = new DefenderStatus
            {
                DesiredSensors = 3,
                ReadySensors = 2,
                ObservedGeneration = 1,
                Conditions =
                [
                    new V1Condition { Type = DefenderConditionTypes.Ready, Status = "False", Reason = "SensorsStarting", Message = "2 of 3 sensors ready", LastTransitionTime = new DateTime(2026, 12, 3, 14, 0, 0, DateTimeKind.Utc), ObservedGeneration = 1 },
                ],
            },
        };
        change(defender.Spec);
        return defender;
    }

    private static V1Alpha1ApiSpec Spec(Action<ApiSpecSpec> change)
    {
        var spec = new V1Alpha1ApiSpec
        {
            Metadata = new V1ObjectMeta { Name = "orders", NamespaceProperty = "shop" },
            Spec = new ApiSpecSpec { Document = "openapi: 3.0.3\ninfo: {title: orders, version: '1'}\npaths: {}\n", Hosts = ["orders.shop.example"], Services = [new ServiceReference { Name = "orders" }] },
            Status = new ApiSpecStatus { Phase = ApiSpecPhases.Parsed, Endpoints = 5, Shadow = 1, NonConformant = 2, ObservedGeneration = 1 },
        };
        change(spec.Spec);
        return spec;
    }

    [Fact]
    public void A_complete_Defender_validates()
    {
        Assert.Empty(Errors(CrdManifests.Defenders, Defender(_ => { })));
        Assert.Empty(Errors(CrdManifests.Defenders, Defender(s => { s.Ports = null; s.Filter = "tcp port 8080"; })));
        Assert.Empty(Errors(CrdManifests.Defenders, Defender(s => s.Mode = DefenderModes.Sidecar)));
    }

    [Fact]
    public void Ports_and_filter_together_are_refused()
    {
        var errors = Errors(CrdManifests.Defenders, Defender(s => s.Filter = "tcp"));
        Assert.Contains(errors, e => e.Contains("ports and filter are exclusive", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Sidecar_Defender_without_a_pod_selector_is_refused()
    {
        var errors = Errors(CrdManifests.Defenders, Defender(s => { s.Mode = DefenderModes.Sidecar; s.PodSelector = null; }));
        Assert.Contains(errors, e => e.Contains("a Sidecar Defender needs a podSelector", StringComparison.Ordinal));
        Assert.Empty(Errors(CrdManifests.Defenders, Defender(s => s.PodSelector = null)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void A_port_outside_1_to_65535_is_refused(int port)
    {
        var errors = Errors(CrdManifests.Defenders, Defender(s => s.Ports = [port]));
        Assert.Contains(errors, e => e.Contains("spec.ports[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_selector_requirement_must_fit_its_operator_and_the_mode_must_be_known()
    {
        var errors = Errors(CrdManifests.Defenders, Defender(s =>
        {
            s.Mode = "Everywhere";
            s.PodSelector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "app", OperatorProperty = "Exists", Values = ["x"] }] };
        }));
        Assert.Contains(errors, e => e.Contains("Exists and DoesNotExist take none", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("spec.mode", StringComparison.Ordinal) && e.Contains("Everywhere", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ApiSpec_with_a_document_or_a_ConfigMap_validates_and_with_both_or_neither_is_refused()
    {
        Assert.Empty(Errors(CrdManifests.ApiSpecs, Spec(_ => { })));
        Assert.Empty(Errors(CrdManifests.ApiSpecs, Spec(s => { s.Document = null; s.ConfigMapRef = new ConfigMapKeyReference { Name = "orders-spec", Key = "openapi.yaml" }; })));
        var both = Errors(CrdManifests.ApiSpecs, Spec(s => s.ConfigMapRef = new ConfigMapKeyReference { Name = "orders-spec", Key = "openapi.yaml" }));
        Assert.Contains(both, e => e.Contains("give exactly one of document and configMapRef", StringComparison.Ordinal));
        var neither = Errors(CrdManifests.ApiSpecs, Spec(s => s.Document = null));
        Assert.Contains(neither, e => e.Contains("give exactly one of document and configMapRef", StringComparison.Ordinal));
    }

    [Fact]
    public void An_Invalid_ApiSpec_status_says_why_and_counts_stay_within_endpoints()
    {
        var spec = Spec(_ => { });
        spec.Status = new ApiSpecStatus { Phase = ApiSpecPhases.Invalid, Endpoints = 1, Shadow = 2 };
        var errors = Errors(CrdManifests.ApiSpecs, spec);
        Assert.Contains(errors, e => e.Contains("an Invalid ApiSpec says why in message", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("neither exceeds endpoints", StringComparison.Ordinal));
        spec.Status = new ApiSpecStatus { Phase = ApiSpecPhases.Invalid, Message = "line 3: mapping values are not allowed here", ObservedGeneration = 2 };
        Assert.Empty(Errors(CrdManifests.ApiSpecs, spec));
    }
}
