using ApiSentinel.Collector.Service.State;
using ApiSentinel.Collector.Service.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ApiSentinel.Collector.Service.Tests.State;

/// <summary>A checkpoint the store fails to write hands its usage back to the owner: the next checkpoint carries it.</summary>
public sealed class CheckpointFailureTests
{
    [Fact]
    public async Task A_failed_store_checkpoint_hands_the_usage_back_for_the_next()
    {
        await using var collector = await TestCollector.StartAsync(["--checkpoint-interval", "01:00:00"]);
        await using (var sensor = await collector.SensorAsync("failing"))
        {
            Assert.Equal(1UL, await sensor.SendAsync(1, TestCalls.Users("fail.test", 7)));
            await sensor.CompleteAsync();
        }
        var lifecycle = collector.Services.GetServices<IHostedService>().OfType<CatalogLifecycle>().Single();
        var state = collector.Services.GetRequiredService<CatalogState>();
        var owner = state.Owner!;
        // The store failing every write from now on (disposed: each call throws).
        state.Store.Dispose();

        Assert.False(await lifecycle.CheckpointAsync(owner, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)));

        var next = await owner.CheckpointAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(7, next.Usage.Sum(u => u.Requests));
    }
}
