using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Collector.Catalog;
using static ApiSentinel.Collector.Tests.Catalog.Snapshots.SnapshotCalls;

namespace ApiSentinel.Collector.Tests.Catalog.Snapshots;

public class ChangeMarkerTests
{
    private static Dictionary<EndpointKey, string> Markers(CatalogSnapshot snapshot) =>
        snapshot.Endpoints.ToDictionary(e => e.Key, e => e.ChangeMarker);

    [Fact]
    public void An_unchanged_endpoint_keeps_its_marker_and_one_more_call_moves_it()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("GET", "/users/1", ts: 1_000_000));
        catalog.Ingest(Call("GET", "/health", client: "10.0.0.7", ts: 1_000_100));
        var first = Markers(catalog.Build());
        Assert.Equal(first, Markers(catalog.Build()));
        Assert.All(first.Values, m => Assert.Matches("^[0-9a-f]{16}$", m));

        // Another endpoint changes; this one does not.
        catalog.Ingest(Call("GET", "/health", client: "10.0.0.7", ts: 1_000_200));
        var second = Markers(catalog.Build());
        var users = new EndpointKey("shop.example", "GET", "/users/{userId}");
        var health = new EndpointKey("shop.example", "GET", "/health");
        Assert.Equal(first[users], second[users]);
        Assert.NotEqual(first[health], second[health]);

        // The same call again: only counts move, and that is a change.
        catalog.Ingest(Call("GET", "/users/1", ts: 1_000_000));
        Assert.NotEqual(second[users], Markers(catalog.Build())[users]);
    }

    [Theory]
    [InlineData(500, null)]
    [InlineData(200, "x-new-header")]
    public void A_new_status_or_header_moves_the_marker_even_at_the_same_count(int status, string? header)
    {
        string MarkerAfter(int? lastStatus, string? lastHeader)
        {
            var catalog = new ApiCatalog(new CatalogOptions());
            catalog.Ingest(Call("GET", "/health"));
            catalog.Ingest(Call("GET", "/health", status: lastStatus, header: lastHeader));
            return Assert.Single(catalog.Build().Endpoints).ChangeMarker;
        }
        Assert.NotEqual(MarkerAfter(200, null), MarkerAfter(status, header));
    }

    [Fact]
    public void Markers_depend_on_content_only_not_on_arrival_order_or_catalog_instance()
    {
        var calls = Mixed(2_000, seed: 3);
        var expected = Markers(Catalog(calls).Build());
        var random = new Random(4);
        for (var shuffle = 0; shuffle < 3; shuffle++)
        {
            Assert.Equal(expected, Markers(Catalog(calls.OrderBy(_ => random.Next()).ToList()).Build()));
        }
    }

    private static ApiCatalog Catalog(IEnumerable<ApiSentinel.Contract.ApiCall> calls)
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        foreach (var call in calls)
        {
            catalog.Ingest(call);
        }
        return catalog;
    }
}
