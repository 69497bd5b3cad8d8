using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Resources;

namespace ApiSentinel.Collector.Kubernetes.Tests.Resources;

/// <summary>Values from the wire that the CRD would refuse: every object the projection makes of them validates.</summary>
public sealed class WireValueTests
{
    private static readonly Lazy<IReadOnlyList<EndpointSnapshot>> Endpoints = new(AdversarialCatalog.WireValues);

    [Fact]
    public void Every_object_made_from_wire_values_validates_against_the_manifest()
    {
        Assert.True(Endpoints.Value.Count >= 4);
        foreach (var e in Endpoints.Value)
        {
            var resource = ApiEndpointProjection.Project(e, "default", DemoCatalog.Clients, ProjectionBounds.Default);
            var errors = ManifestSchema.ApiEndpointErrors(resource);
            Assert.True(errors.Count == 0, $"{e.Key}: {string.Join('\n', errors)}");
        }
    }

    [Fact]
    public void Invalid_methods_and_hosts_are_filed_under_other_and_bad_status_codes_are_not_codes()
    {
        var keys = Endpoints.Value.Select(e => e.Key).ToList();
        Assert.Contains(keys, k => k.Host == "api.example.com" && k.Method == CatalogOverflow.Name);
        Assert.Contains(keys, k => k.Host == CatalogOverflow.Name && k.Method == "GET");
        Assert.All(keys, k => Assert.True(CallShape.IsMethod(k.Method) || k.Method == CatalogOverflow.Name, k.Method));
        Assert.All(Endpoints.Value.SelectMany(e => e.StatusCodes.Keys), code => Assert.InRange(code, 100, 999));
    }

    [Fact]
    public void A_path_or_host_past_the_identity_bound_is_cut_counted_and_the_object_stays_within_64_KiB()
    {
        var longPath = Assert.Single(Endpoints.Value, e => e.Key.PathTemplate.Length > ProjectionBounds.MaxIdentityLength);
        var longHost = Assert.Single(Endpoints.Value, e => e.Key.Host.Length > ProjectionBounds.MaxIdentityLength);
        foreach (var e in new[] { longPath, longHost })
        {
            var r = ApiEndpointProjection.Project(e, "default", DemoCatalog.Clients, ProjectionBounds.Default);
            Assert.InRange(r.Spec.Path.Length, 1, ProjectionBounds.MaxIdentityLength);
            Assert.InRange(r.Spec.Host.Length, 1, ProjectionBounds.MaxIdentityLength);
            Assert.Equal(e.Identity, r.Metadata.Name);
            Assert.True(r.Status!.Truncated!.Texts >= 1);
            Assert.InRange(ApiEndpointJson.SizeInBytes(r), 1, ProjectionBounds.MaxObjectBytes);
        }
    }
}
