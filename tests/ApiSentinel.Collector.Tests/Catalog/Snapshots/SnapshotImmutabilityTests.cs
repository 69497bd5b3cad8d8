using ApiSentinel.Collector.Catalog;
using static ApiSentinel.Collector.Tests.Catalog.Snapshots.SnapshotCalls;

namespace ApiSentinel.Collector.Tests.Catalog.Snapshots;

public class SnapshotImmutabilityTests
{
    [Fact]
    public void A_snapshot_does_not_change_while_ingest_and_builds_continue_on_another_thread()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        foreach (var call in Mixed(3_000, seed: 1))
        {
            catalog.Ingest(call);
        }
        var snapshot = catalog.Build();
        var before = SnapshotText.Of(snapshot);
        Assert.Contains("recomputed=" + snapshot.Endpoints[0].ChangeMarker, before, StringComparison.Ordinal);

        // The catalog's owner is the other thread from here on: more calls to the same endpoints (new clients,
        // statuses, headers, words that merge templates) and further builds, which re-key and merge aggregates.
        var more = Mixed(20_000, seed: 2);
        var reads = 0;
        var owner = new Thread(() =>
        {
            for (var i = 0; i < more.Count; i++)
            {
                catalog.Ingest(more[i]);
                if (i % 5_000 == 4_999)
                {
                    catalog.Build();
                }
            }
        });
        owner.Start();
        while (owner.IsAlive)
        {
            Assert.Equal(before, SnapshotText.Of(snapshot));
            reads++;
        }
        owner.Join();

        Assert.True(reads > 0);
        Assert.Equal(before, SnapshotText.Of(snapshot));
        var later = catalog.Build();
        Assert.NotEqual(before, SnapshotText.Of(later));
        Assert.Equal(3_000, snapshot.Counters.Calls);
        Assert.Equal(23_000, later.Counters.Calls);
        Assert.Equal(3_000, snapshot.Endpoints.Concat(snapshot.StaticAssets).Concat(snapshot.ProbedPaths).Sum(e => e.Requests));
        Assert.True(later.Generation > snapshot.Generation);
    }

    [Fact]
    public void Collections_a_snapshot_exposes_cannot_be_cast_back_and_changed()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("GET", "/users/1"));
        var snapshot = catalog.Build();
        Assert.False(snapshot.Endpoints is IList<EndpointSnapshot> { IsReadOnly: false });
        Assert.False(snapshot.Findings is ICollection<ApiSentinel.Collector.Findings.Finding> { IsReadOnly: false });
        var e = Assert.Single(snapshot.Endpoints);
        Assert.False(e.Violations is ICollection<ApiSentinel.Collector.Specs.ConformanceViolation> { IsReadOnly: false });
        Assert.False((object)e.StatusCodes is IDictionary<int, long>);
        Assert.False(e.Query.KindsOf("page") is ISet<string> { IsReadOnly: false });
        Assert.NotSame(catalog.Counters, snapshot.Counters);
    }
}
