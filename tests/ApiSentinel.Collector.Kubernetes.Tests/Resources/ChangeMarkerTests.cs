using ApiSentinel.Collector.Kubernetes.Resources;

namespace ApiSentinel.Collector.Kubernetes.Tests.Resources;

/// <summary>
/// The written change marker moves with everything the written status depends on, not only the engine's content:
/// a bounds change, another namespace or another GeoIP database rewrites a resource once.
/// </summary>
public sealed class ChangeMarkerTests
{
    private static readonly Lazy<ApiSentinel.Collector.Catalog.EndpointSnapshot> Endpoint = new(() => DemoCatalog.Snapshot.Endpoints[0]);

    private static string Marker(string ns, ProjectionBounds bounds) =>
        ApiEndpointProjection.Project(Endpoint.Value, ns, DemoCatalog.Clients, bounds).Status!.ChangeMarker!;

    [Fact]
    public void The_same_inputs_give_the_same_marker_in_the_schemas_shape()
    {
        Assert.Equal(Marker("shop", ProjectionBounds.Default), Marker("shop", ProjectionBounds.Default with { }));
        Assert.Matches("^[0-9a-f]{16}$", Marker("shop", ProjectionBounds.Default));
    }

    [Fact]
    public void Bounds_namespace_and_client_directory_each_change_the_marker()
    {
        var markers = new[]
        {
            Marker("shop", ProjectionBounds.Default),
            Marker("shop", ProjectionBounds.Default with { TopClients = 9 }),
            Marker("shop", ProjectionBounds.Default with { MaxStatusBytes = 8192 }),
            Marker("other", ProjectionBounds.Default),
            ProjectionMarker.Of(Endpoint.Value.ChangeMarker, "shop", "GeoLite2-Country@2026-01-01", ProjectionBounds.Default),
        };
        Assert.Equal(markers.Length, markers.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_engines_marker_is_folded_in_and_not_written_as_is()
    {
        Assert.NotEqual(Endpoint.Value.ChangeMarker, Marker("shop", ProjectionBounds.Default));
        Assert.NotEqual(
            ProjectionMarker.Of(DemoCatalog.Snapshot.Endpoints[1].ChangeMarker, "shop", "", ProjectionBounds.Default),
            ProjectionMarker.Of(Endpoint.Value.ChangeMarker, "shop", "", ProjectionBounds.Default));
    }
}
