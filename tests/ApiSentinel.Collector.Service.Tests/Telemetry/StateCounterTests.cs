using System.Diagnostics.Metrics;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Service.Telemetry;
using ApiSentinel.Collector.Service.Tests.Infrastructure;
using ApiSentinel.Collector.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ApiSentinel.Collector.Service.Tests.Telemetry;

/// <summary>The counters the store and the catalog owner keep themselves reach /metrics once observed.</summary>
public sealed class StateCounterTests
{
    [Fact]
    public async Task A_refused_gap_and_the_store_counters_show_on_metrics()
    {
        var directory = Directory.CreateTempSubdirectory("apisentinel-state-counters-");
        try
        {
            using var services = new ServiceCollection().AddMetrics().AddLogging().BuildServiceProvider();
            using var telemetry = new CollectorTelemetry(services.GetRequiredService<IMeterFactory>(),
                services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>(), TimeProvider.System);
            using var store = CollectorStore.Open(directory.FullName, new CollectorStoreOptions(), TimeProvider.System);
            await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()), new Dictionary<StreamKey, long>());
            telemetry.Observe(store, owner);
            telemetry.Observe(store, owner); // a second call is ignored, not a second series

            var stream = new StreamKey("sensor-a", "instance-1");
            await owner.IngestAsync([TestCalls.Call("shop.test", "/cart")], stream, 1);
            await owner.IngestAsync([TestCalls.Call("shop.test", "/cart")], stream, 3); // skips 2: refused
            await owner.BuildAsync().WaitAsync(TimeSpan.FromSeconds(60));

            var text = telemetry.Scrape.Render();
            Assert.Contains("apisentinel_collector_batches_gap_total 1\n", text, StringComparison.Ordinal);
            Assert.Contains("apisentinel_collector_findings_written_total 0\n", text, StringComparison.Ordinal);
            Assert.Contains("apisentinel_collector_findings_pruned_total 0\n", text, StringComparison.Ordinal);
            Assert.Contains("apisentinel_collector_store_reopens_total 0\n", text, StringComparison.Ordinal);
            Assert.Contains("apisentinel_collector_snapshots_stale_total 0\n", text, StringComparison.Ordinal);
            Assert.Single(text.Split('\n'), line => line.StartsWith("apisentinel_collector_batches_gap_total", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
