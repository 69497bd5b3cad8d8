using ApiSentinel.Collector.Catalog;
using static ApiSentinel.Collector.Tests.Catalog.Snapshots.SnapshotCalls;

namespace ApiSentinel.Collector.Tests.State;

/// <summary>
/// One request with a path thousands of segments deep (16 KB fits in a request head) once overflowed the stack while
/// templates compiled — uncatchable, the whole collector died — and its state could not be imported again.
/// </summary>
public class DeepPathTests
{
    [Theory]
    [InlineData(2_100)]
    [InlineData(8_000)]
    public void A_path_thousands_of_segments_deep_is_catalogued_exported_and_imported(int segments)
    {
        var options = new CatalogOptions();
        var catalog = new ApiCatalog(options);
        var deep = string.Concat(Enumerable.Repeat("/a", segments));
        catalog.Ingest(Call("GET", deep));
        catalog.Ingest(Call("GET", "/users/1"));
        var built = catalog.Build();
        Assert.Equal(1, built.Counters.TemplaterTruncatedCalls);
        Assert.Equal(2, built.Counters.Calls);

        using var state = new MemoryStream();
        catalog.ExportState(state);
        Assert.True(state.Length < 1_000_000, $"state of {state.Length:N0} bytes for two calls");
        state.Position = 0;
        var resumed = ApiCatalog.ImportState(state, options);
        resumed.Ingest(Call("GET", deep));
        Assert.Equal(3, resumed.Build().Counters.Calls);
    }

    [Fact]
    public void Paths_within_the_bound_are_not_truncated()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("GET", string.Concat(Enumerable.Repeat("/a", new CatalogOptions().Templating.MaxPathSegments))));
        Assert.Equal(0, catalog.Build().Counters.TemplaterTruncatedCalls);
    }
}
