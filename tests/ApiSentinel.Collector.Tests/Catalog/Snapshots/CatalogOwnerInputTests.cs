using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;
using static ApiSentinel.Collector.Tests.Catalog.Snapshots.SnapshotCalls;

namespace ApiSentinel.Collector.Tests.Catalog.Snapshots;

/// <summary>What an ingest stream hands the owner: a batch buffer it may reuse, and calls that may be incomplete.</summary>
public class CatalogOwnerInputTests
{
    [Fact]
    public async Task A_batch_buffer_reused_by_the_stream_after_the_hand_over_loses_and_duplicates_nothing()
    {
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()), capacity: 4);
        var buffer = new List<ApiCall>();
        for (var batch = 0; batch < 50; batch++)
        {
            buffer.Clear();
            for (var i = 0; i < 20; i++)
            {
                buffer.Add(Call("GET", $"/users/{batch * 20 + i}"));
            }
            await owner.IngestAsync(buffer);
            // The stream refills its buffer at once, before the owner may have drained the batch.
            buffer.Clear();
            buffer.Add(Call("GET", "/never-sent"));
        }
        var snapshot = await owner.BuildAsync();
        Assert.Equal(1_000, snapshot.Counters.Calls);
        Assert.DoesNotContain(snapshot.Endpoints, e => e.Key.PathTemplate == "/never-sent");
    }

    [Fact]
    public void An_incomplete_call_is_refused_before_anything_is_counted()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("GET", "/users/1"));
        var incomplete = new ApiCall { Server = "10.0.0.9:80", Host = "shop.example", Method = "GET", Path = "/users/2", Source = null! };
        Assert.Throws<ArgumentException>(() => catalog.Ingest(incomplete));
        var snapshot = catalog.Build();
        Assert.Equal(1, snapshot.Counters.Calls);
        Assert.Equal(1, Assert.Single(snapshot.Endpoints).Requests);
    }

    [Fact]
    public async Task The_owner_counts_an_incomplete_call_as_rejected_and_goes_on()
    {
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await owner.IngestAsync(new ApiCall { Server = "10.0.0.9:80", Host = "shop.example", Method = "GET", Path = null! });
        await owner.IngestAsync(Call("GET", "/users/1"));
        var snapshot = await owner.BuildAsync();
        Assert.Equal(1, owner.RejectedCalls);
        Assert.Equal(1, snapshot.Counters.Calls);
    }
}
