using ApiSentinel.Collector.Service.State;
using ApiSentinel.Collector.Service.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ApiSentinel.Collector.Service.Tests.Api;

/// <summary>
/// An endpoint renamed by a build (three literal paths generalised to one template) keeps its stored usage in the
/// API before the next checkpoint renames the stored rows.
/// </summary>
public sealed class RenamedUsageTests
{
    private static readonly string[] Names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];

    [Fact]
    public async Task Stored_usage_of_renamed_endpoints_counts_under_the_new_identity_before_the_next_checkpoint()
    {
        // No periodic checkpoint: the test takes the one it needs, before the rename.
        await using var collector = await TestCollector.StartAsync(["--checkpoint-interval", "01:00:00"]);
        await using var sensor = await collector.SensorAsync("renaming");
        Assert.Equal(1UL, await sensor.SendAsync(1, Names.Take(3).SelectMany(n => Enumerable.Repeat(TestCalls.Call("repo.test", $"/repos/{n}"), 3))));
        await collector.WaitForAsync("/api/v1/endpoints", c => TestCollector.TotalRequests(c) == 9);
        var lifecycle = collector.Services.GetServices<IHostedService>().OfType<CatalogLifecycle>().Single();
        var state = collector.Services.GetRequiredService<CatalogState>();
        Assert.True(await lifecycle.CheckpointAsync(state.Owner!, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(2UL, await sensor.SendAsync(2, Names.Skip(3).Select(n => TestCalls.Call("repo.test", $"/repos/{n}"))));
        var catalog = await collector.WaitForAsync("/api/v1/endpoints", c => TestCollector.TotalRequests(c) == 18);
        var survivor = Assert.Single(catalog.GetProperty("endpoints").EnumerateArray());
        Assert.Equal("/repos/{repoId}", survivor.GetProperty("path").GetString());
        await Task.Delay(500); // several builds more, none with renames: the old ones must still be applied

        var range = await collector.GetJsonAsync("/api/v1/endpoints?since=2026-12-02T00:00:00Z");
        var ranged = Assert.Single(range.GetProperty("endpoints").EnumerateArray());
        Assert.Equal(9, ranged.GetProperty("requests").GetInt64()); // the checkpointed 9; the other 9 are not stored yet
        var one = await collector.GetJsonAsync($"/api/v1/endpoints/{survivor.GetProperty("identity").GetString()}");
        Assert.Equal(9, one.GetProperty("usage").EnumerateArray().Sum(u => u.GetProperty("requests").GetInt64()));
    }
}
