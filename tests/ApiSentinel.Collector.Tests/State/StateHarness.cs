using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Contract;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Tests.State;

/// <summary>Catalog options, state bytes and the half-and-half run the state tests share.</summary>
internal static class StateHarness
{
    /// <summary>One fixed clock for every catalog of a test, so wall-clock stamps in the state agree.</summary>
    public static CatalogOptions Options(bool tightBounds = false)
    {
        var options = new CatalogOptions { TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) };
        if (tightBounds)
        {
            // Every bound bites: top-N client eviction, host/method/endpoint overflow, detector client eviction,
            // window caps and the enumeration stream bound.
            options.ClientsTrackedPerEndpoint = 4;
            options.MaxHosts = 2;
            options.MaxMethodsPerHost = 3;
            options.MaxEndpoints = 25;
            options.Findings.MaxTrackedClients = 12;
            options.Findings.MaxEventsPerWindow = 30;
            options.Findings.EnumerationMaxEndpointsPerClient = 2;
        }
        return options;
    }

    public static byte[] Export(ApiCatalog catalog)
    {
        using var buffer = new MemoryStream();
        catalog.ExportState(buffer);
        return buffer.ToArray();
    }

    public static ApiCatalog Import(byte[] state, CatalogOptions options, SpecIndex? specs = null)
    {
        using var buffer = new MemoryStream(state);
        return ApiCatalog.ImportState(buffer, options, specs);
    }

    public static ApiCatalog Ingest(IEnumerable<ApiCall> calls, CatalogOptions options, SpecIndex? specs = null)
    {
        var catalog = new ApiCatalog(options, specs);
        foreach (var call in calls)
        {
            catalog.Ingest(call);
        }
        return catalog;
    }

    /// <summary>
    /// The test: one catalog sees every call; another sees the calls before <paramref name="split"/>, is
    /// exported and imported into a new catalog, which sees the rest. Both builds and both states must be equal.
    /// With <paramref name="buildAtSplit"/> both catalogs also build at the split, as a service flushing does.
    /// </summary>
    public static void AssertHalfAndHalf(IReadOnlyList<ApiCall> calls, int split, Func<CatalogOptions> options, SpecIndex? specs = null, bool buildAtSplit = false)
    {
        var whole = new ApiCatalog(options(), specs);
        var first = new ApiCatalog(options(), specs);
        for (var i = 0; i < split; i++)
        {
            whole.Ingest(calls[i]);
            first.Ingest(calls[i]);
        }
        if (buildAtSplit)
        {
            SnapshotDump.Of(whole.Build());
            SnapshotDump.Of(first.Build());
        }
        var resumed = Import(Export(first), options(), specs);
        for (var i = split; i < calls.Count; i++)
        {
            whole.Ingest(calls[i]);
            resumed.Ingest(calls[i]);
        }
        var expected = SnapshotDump.Of(whole.Build());
        var actual = SnapshotDump.Of(resumed.Build());
        Assert.Equal(expected, actual);
        Assert.True(Export(whole).AsSpan().SequenceEqual(Export(resumed)), $"states differ after a split at {split} of {calls.Count}");
    }
}
