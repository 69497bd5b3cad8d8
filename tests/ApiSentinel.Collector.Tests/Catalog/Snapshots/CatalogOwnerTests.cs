using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Contract;
using static ApiSentinel.Collector.Tests.Catalog.Snapshots.SnapshotCalls;

namespace ApiSentinel.Collector.Tests.Catalog.Snapshots;

public class CatalogOwnerTests
{
    private static readonly ApiSpec Spec = ApiSpec.Parse("""
        openapi: 3.0.3
        info: { title: shop, version: "1" }
        servers: [ { url: "http://shop.example" } ]
        paths:
          /users/{id}:
            get: { responses: { "200": { description: ok } } }
        """, "shop.yaml");

    [Fact]
    public async Task Calls_from_many_writers_are_all_ingested_and_each_build_is_published()
    {
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()), capacity: 64);
        Assert.Null(owner.Latest);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var calls = Mixed(2_500, seed: 10 + w);
            for (var i = 0; i < calls.Count; i += 100)
            {
                if (i % 200 == 0)
                {
                    await owner.IngestAsync(calls.Skip(i).Take(100).ToList());
                }
                else
                {
                    foreach (var call in calls.Skip(i).Take(100))
                    {
                        await owner.IngestAsync(call);
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);
        var snapshot = await owner.BuildAsync();
        Assert.Same(snapshot, owner.Latest);
        Assert.Equal(10_000, snapshot.Counters.Calls);
        Assert.Equal(0, owner.RejectedCalls);
    }

    [Fact]
    public async Task A_published_snapshot_stays_the_same_while_the_owner_ingests_and_rebuilds()
    {
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await owner.IngestAsync(Mixed(2_000, seed: 20));
        var snapshot = await owner.BuildAsync();
        var before = SnapshotText.Of(snapshot);
        var feeding = Task.Run(async () =>
        {
            var more = Mixed(20_000, seed: 21);
            for (var i = 0; i < more.Count; i += 500)
            {
                await owner.IngestAsync(more.GetRange(i, 500));
                if (i % 5_000 == 0)
                {
                    await owner.BuildAsync();
                }
            }
        });
        while (!feeding.IsCompleted)
        {
            Assert.Equal(before, SnapshotText.Of(snapshot));
        }
        await feeding;
        var latest = await owner.BuildAsync();
        Assert.Equal(before, SnapshotText.Of(snapshot));
        Assert.Equal(22_000, latest.Counters.Calls);
        Assert.Same(latest, owner.Latest);
    }

    [Fact]
    public async Task Specs_are_set_and_removed_through_the_owner_in_queue_order()
    {
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await owner.IngestAsync(Call("GET", "/users/alpha"));
        await owner.SetSpecAsync("shop", Spec);
        await owner.IngestAsync(Call("GET", "/users/bravo"));
        var specified = await owner.BuildAsync();
        var users = Assert.Single(specified.Endpoints);
        Assert.Equal(("/users/{id}", 2L), (users.Key.PathTemplate, users.Requests));
        Assert.Contains(users.SpecState, new[] { "conformant", "non-conformant" });

        Assert.True(await owner.RemoveSpecAsync("shop"));
        Assert.False(await owner.RemoveSpecAsync("shop"));
        var removed = await owner.BuildAsync();
        Assert.All(removed.Endpoints, e => Assert.Equal("no-spec", e.SpecState));
        Assert.Empty(removed.UnusedSpecOperations);
    }

    [Fact]
    public async Task A_call_the_catalog_rejects_is_counted_and_the_owner_goes_on()
    {
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await owner.IngestAsync(new ApiCall { Server = "10.0.0.9:80", Host = null!, Method = "GET", Path = "/x" });
        await owner.IngestAsync(Call("GET", "/users/1"));
        var snapshot = await owner.BuildAsync();
        Assert.Equal(1, owner.RejectedCalls);
        Assert.Single(snapshot.Endpoints);
        Assert.False(owner.Completion.IsCompleted);
    }

    [Fact]
    public async Task Disposing_drains_what_was_queued_then_refuses_more()
    {
        var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await owner.IngestAsync(Call("GET", "/users/1"));
        var build = owner.BuildAsync();
        await owner.DisposeAsync();
        Assert.Equal(1, (await build).Counters.Calls);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(async () => await owner.IngestAsync(Call("GET", "/users/2")));
    }
}
