using System.Globalization;
using System.Text;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;

namespace ApiSentinel.Collector.Kubernetes.Tests.Resources;

/// <summary>The demo catalog projected onto ApiEndpoint resources: names, labels, spec and status say what the engine says.</summary>
public sealed class ApiEndpointProjectionTests
{
    private static List<(EndpointSnapshot Endpoint, V1Alpha1ApiEndpoint Resource)> Projected() =>
        DemoCatalog.Snapshot.Endpoints.Select(e => (e, ApiEndpointProjection.Project(e, "shop", DemoCatalog.Clients, ProjectionBounds.Default))).ToList();

    [Fact]
    public void Each_demo_endpoint_is_one_resource_named_by_its_identity_with_its_key_as_spec()
    {
        var projected = Projected();
        Assert.Equal(8, projected.Count);
        foreach (var (e, r) in projected)
        {
            Assert.Equal(ApiSentinelApi.ApiVersion, r.ApiVersion);
            Assert.Equal(V1Alpha1ApiEndpoint.KubeKind, r.Kind);
            Assert.Equal(e.Identity, r.Metadata.Name);
            Assert.Equal("shop", r.Metadata.NamespaceProperty);
            Assert.Equal((e.Key.Host, e.Key.Method, e.Key.PathTemplate), (r.Spec.Host, r.Spec.Method, r.Spec.Path));
        }
        Assert.Equal(8, projected.Select(p => p.Resource.Metadata.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Labels_select_by_risk_shadow_spec_state_sensitivity_host_and_manager()
    {
        var projected = Projected();
        foreach (var (e, r) in projected)
        {
            var labels = r.Metadata.Labels;
            Assert.Equal(e.Risk.Level, labels[ApiSentinelLabels.Risk]);
            Assert.Equal(r.Status!.Risk!.Level, labels[ApiSentinelLabels.Risk]);
            Assert.Equal(e.SpecState, labels[ApiSentinelLabels.SpecState]);
            Assert.Equal(e.IsShadow ? "true" : "false", labels[ApiSentinelLabels.Shadow]);
            Assert.Equal(e.Sensitive.Count > 0 ? "true" : "false", labels[ApiSentinelLabels.Sensitive]);
            Assert.Equal(LabelValues.Of(e.Key.Host), labels[ApiSentinelLabels.Host]);
            Assert.Equal(e.Key.Method, labels[ApiSentinelLabels.Method]);
            Assert.Equal(e.Exposure, labels[ApiSentinelLabels.Exposure]);
            Assert.Equal(EndpointStates.Active, labels[ApiSentinelLabels.State]);
            Assert.Equal(ApiSentinelLabels.ManagedByCollector, labels[ApiSentinelLabels.ManagedBy]);
            Assert.All(labels.Values, v => Assert.True(LabelValues.IsValid(v), v));
            // The demo's host (127.0.0.1:18080) is no label value: the label is its hashed form, the annotation the host.
            Assert.Equal(e.Key.Host, r.Metadata.Annotations[ApiSentinelAnnotations.Host]);
        }
        var shadow = Assert.Single(projected, p => p.Resource.Metadata.Labels[ApiSentinelLabels.Shadow] == "true");
        Assert.Equal("/internal/debug/config", shadow.Resource.Spec.Path);
        Assert.Equal(SpecStates.Shadow, shadow.Resource.Status!.Conformance!.State);
        Assert.Contains(projected, p => p.Resource.Metadata.Labels[ApiSentinelLabels.Sensitive] == "true");
    }

    [Fact]
    public void Status_carries_the_engines_figures_and_change_marker()
    {
        foreach (var (e, r) in Projected())
        {
            var s = r.Status!;
            Assert.Equal(EndpointStates.Active, s.State);
            Assert.Equal(ProjectionMarker.Of(e.ChangeMarker, "shop", DemoCatalog.Clients.Identity, ProjectionBounds.Default), s.ChangeMarker);
            Assert.Equal(e.Risk.Score, s.Risk!.Score);
            Assert.Equal(e.Risk.Factors.Select(f => (f.Name, f.Weight, f.Points, f.Evidence)), s.Risk.Factors!.Select(f => (f.Name, f.Weight, f.Points, f.Evidence)));
            Assert.Equal(e.Requests, s.Usage!.Requests);
            Assert.Equal(e.StatusCodes.Values.Sum(), s.Usage.StatusCodes!.Sum(c => c.Calls));
            Assert.Equal(e.Requests, s.Usage.StatusCodes!.Sum(c => c.Calls) + s.Usage.NoResponse);
            Assert.Equal(e.LastSeenMicros, Micros(s.Usage.LastSeen!));
            Assert.Equal(e.FirstSeenMicros, Micros(s.Usage.FirstSeen!));
            Assert.Equal(e.AuthKinds.Keys.Order(StringComparer.Ordinal), s.Auth!.Schemes!.Select(a => a.Kind).Order(StringComparer.Ordinal));
            Assert.Equal(s.Auth.Schemes!.OrderByDescending(a => a.Calls).ThenBy(a => a.Kind, StringComparer.Ordinal).Select(a => a.Kind), s.Summary!.Auth.Split(','));
            Assert.Equal(e.Sensitive.Keys.Select(k => k.Type).Distinct().Order(StringComparer.Ordinal),
                s.Summary.Sensitive.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
            Assert.Equal(e.Requests, s.Transport!.Plaintext + s.Transport.Tls + s.Transport.Unknown);
            Assert.Equal(e.Violations.Count, s.Conformance!.Violations!.Count);
            Assert.Equal(e.OperationId, s.Conformance.OperationId);
            Assert.Equal(e.RequestHeaders.Keys, s.Parameters!.RequestHeaders!.Select(h => h.Name));
            Assert.Equal(e.Query.Names, s.Parameters.Query!.Select(q => q.Name));
            Assert.Equal(0, s.Truncated!.Items);
            Assert.Null(s.Truncated.Lists);
        }
    }

    [Fact]
    public void The_same_snapshot_projects_to_the_same_bytes()
    {
        var first = DemoCatalog.Snapshot.Endpoints.Select(e => ApiEndpointJson.Serialize(ApiEndpointProjection.Project(e, "shop", DemoCatalog.Clients, ProjectionBounds.Default)));
        var second = DemoCatalog.Snapshot.Endpoints.Select(e => ApiEndpointJson.Serialize(ApiEndpointProjection.Project(e, "shop", DemoCatalog.Clients, ProjectionBounds.Default)));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Every_demo_resource_validates_against_the_manifests_schema()
    {
        foreach (var (_, r) in Projected())
        {
            var errors = ManifestSchema.ApiEndpointErrors(r);
            Assert.True(errors.Count == 0, $"{r.Spec.Method} {r.Spec.Path}:\n{string.Join('\n', errors)}");
        }
    }

    [Fact]
    public void The_schema_check_refuses_what_the_manifest_forbids()
    {
        var r = Projected()[0].Resource;
        r.Status!.Risk!.Score = 150;
        r.Status.Risk.Level = "severe";
        r.Status.Exposure = "public";
        r.Spec.Path = "users";
        var errors = ManifestSchema.ApiEndpointErrors(r);
        Assert.Contains(errors, m => m.Contains("status.risk.score", StringComparison.Ordinal) && m.Contains("100", StringComparison.Ordinal));
        Assert.Contains(errors, m => m.Contains("status.risk.level", StringComparison.Ordinal) && m.Contains("severe", StringComparison.Ordinal));
        Assert.Contains(errors, m => m.Contains("status.exposure", StringComparison.Ordinal));
        Assert.Contains(errors, m => m.Contains("path must be a path template", StringComparison.Ordinal));
    }

    [Fact]
    public void The_serialized_form_round_trips_through_the_types()
    {
        foreach (var (_, r) in Projected())
        {
            var json = ApiEndpointJson.Serialize(r);
            Assert.Equal(json, ApiEndpointJson.Serialize(ApiEndpointJson.Deserialize<V1Alpha1ApiEndpoint>(json)));
            Assert.Contains("\"changeMarker\":", json, StringComparison.Ordinal);
            Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        }
    }

    private static long Micros(string rfc3339) =>
        (DateTimeOffset.Parse(rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
