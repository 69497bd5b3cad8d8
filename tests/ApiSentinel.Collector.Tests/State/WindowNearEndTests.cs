using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.State;

/// <summary>
/// A state whose last id windows hold uncounted events near the end of the payload: one client walking ids on four
/// hosts. Its import failed with "count out of range" — the uncounted number was bounded by the bytes left, as if
/// it were an item count — so a collector could not restart on its own checkpoint.
/// </summary>
public sealed class WindowNearEndTests
{
    [Theory]
    [InlineData(200)]
    [InlineData(500)]
    public void A_state_ending_in_id_windows_with_uncounted_events_imports(int calls)
    {
        var options = new CatalogOptions();
        var catalog = new ApiCatalog(options);
        for (var i = 0; i < calls; i++)
        {
            catalog.Ingest(new ApiCall
            {
                TimestampMicros = 1_700_000_000L * 1_000_000 + i * 1_000L,
                ClientAddress = "198.51.100.7",
                Server = "192.0.2.10:80",
                Host = $"h{i % 4}.test",
                Method = "GET",
                Path = $"/api/items/{i}",
                Status = 200,
            });
        }
        var built = catalog.Build();
        using var state = new MemoryStream();
        catalog.ExportState(state);
        state.Position = 0;

        var imported = ApiCatalog.ImportState(state, options);

        Assert.Equal(built.Endpoints.Sum(e => e.Requests), imported.Build().Endpoints.Sum(e => e.Requests));
    }
}
