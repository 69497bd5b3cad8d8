using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Contract;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Tests.Findings;

/// <summary>
/// Event time is kept per source: a source whose clock is a year ahead, or one replaying a backlog hours old, moves
/// only its own windows. The collector's clock (a <see cref="TimeProvider"/>) only closes out sources gone silent.
/// </summary>
public sealed class PerSourceTimeTests
{
    private const double Year = 365.0 * 24 * 3600;

    private static ApiCall From(string source, string client, double seconds, string path, int status) =>
        new()
        {
            TimestampMicros = Calls.At(seconds),
            Source = source,
            ClientAddress = client,
            Server = "192.0.2.10:80",
            Host = Calls.Host,
            Method = "GET",
            Path = path,
            Status = status,
        };

    private static void Failures(FindingDetector detector, string source, string client, double from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            detector.Observe(From(source, client, from + i, "/login", 401), Calls.Endpoint("/login"));
        }
    }

    [Fact]
    public void A_source_a_year_ahead_does_not_expire_the_clients_of_another()
    {
        var detector = new FindingDetector(new FindingOptions());
        Failures(detector, "sensor-a", "192.0.2.1", 0, 6);
        detector.Observe(From("sensor-skewed", "192.0.2.50", Year, "/", 200), Calls.Endpoint("/"));
        Failures(detector, "sensor-a", "192.0.2.1", 6, 6);

        Assert.Equal(0, detector.Counters.ClientsExpired);
        var burst = Assert.Single(detector.Findings());
        Assert.Equal("sensor-a", burst.Source);
        Assert.Equal("12", burst.Evidence["failures"]);
    }

    [Fact]
    public void Within_one_source_a_confirmed_jump_in_its_own_clock_does_expire_its_idle_clients()
    {
        // The same calls on one source: its event time moved a year (two calls agree), so its other client is idle by its clock.
        var detector = new FindingDetector(new FindingOptions());
        Failures(detector, "sensor-a", "192.0.2.1", 0, 6);
        detector.Observe(From("sensor-a", "192.0.2.50", Year, "/", 200), Calls.Endpoint("/"));
        detector.Observe(From("sensor-a", "192.0.2.51", Year + 1, "/", 200), Calls.Endpoint("/"));
        Failures(detector, "sensor-a", "192.0.2.1", 6, 6);

        Assert.Equal(1, detector.Counters.ClientsExpired);
        Assert.Equal(1, detector.Counters.UnconfirmedClockJumps);
        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void One_call_stamped_a_year_ahead_does_not_move_its_source_clock()
    {
        // A single corrupt or mis-stamped record: were it taken, every client of the source would be idle by the
        // source's clock on every later call and no finding could fire there again.
        var detector = new FindingDetector(new FindingOptions());
        Failures(detector, "sensor-a", "192.0.2.1", 0, 6);
        detector.Observe(From("sensor-a", "192.0.2.50", Year, "/", 200), Calls.Endpoint("/"));
        Failures(detector, "sensor-a", "192.0.2.1", 6, 6);

        Assert.Equal(0, detector.Counters.ClientsExpired);
        Assert.Equal(1, detector.Counters.UnconfirmedClockJumps);
        var burst = Assert.Single(detector.Findings());
        Assert.Equal("12", burst.Evidence["failures"]);
    }

    [Fact]
    public void A_replayed_backlog_hours_old_keeps_its_own_windows()
    {
        var detector = new FindingDetector(new FindingOptions());
        Failures(detector, "sensor-a", "192.0.2.1", 0, 5);
        // Another source replays the same client's calls from three hours earlier, interleaved with live traffic.
        Failures(detector, "proxy-backlog", "192.0.2.1", -3 * 3600, 12);
        Failures(detector, "sensor-a", "192.0.2.1", 5, 5);

        var findings = detector.Findings();
        Assert.Equal(2, findings.Count);
        var live = Assert.Single(findings, f => f.Source == "sensor-a");
        var replayed = Assert.Single(findings, f => f.Source == "proxy-backlog");
        Assert.Equal("10", live.Evidence["failures"]);
        Assert.Equal(Calls.At(0), live.FromMicros);
        Assert.Equal("12", replayed.Evidence["failures"]);
        Assert.Equal(Calls.At(-3 * 3600), replayed.FromMicros);
        Assert.Equal(0, detector.Counters.ClientsExpired);
    }

    [Fact]
    public void Sources_are_bounded_and_calls_from_the_rest_are_counted()
    {
        var detector = new FindingDetector(new FindingOptions { MaxSources = 2 });
        foreach (var source in new[] { "a", "b", "c", "d" })
        {
            detector.Observe(From(source, "192.0.2.1", 0, "/", 200), Calls.Endpoint("/"));
        }

        Assert.Equal(2, detector.TrackedSources);
        Assert.Equal(2, detector.Counters.CallsFromUntrackedSources);
        Assert.Equal(4, detector.Counters.CallsObserved);
    }

    [Fact]
    public void A_source_silent_longer_than_every_window_is_closed_out_by_the_wall_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var detector = new FindingDetector(new FindingOptions(), clock);
        Failures(detector, "sensor-gone", "192.0.2.1", 0, 12);
        Failures(detector, "sensor-live", "192.0.2.2", 0, 1);
        detector.ExpireIdleSources();

        clock.Advance(TimeSpan.FromMinutes(8));
        Failures(detector, "sensor-live", "192.0.2.2", 1, 1);
        detector.ExpireIdleSources();
        Assert.Equal(2, detector.TrackedSources);

        clock.Advance(TimeSpan.FromMinutes(8));
        Failures(detector, "sensor-live", "192.0.2.2", 2, 1);
        detector.ExpireIdleSources();

        Assert.Equal(1, detector.TrackedSources);
        Assert.Equal(1, detector.Counters.SourcesExpired);
        // Its open episode became a closed finding; nothing is lost.
        var burst = Assert.Single(detector.Findings());
        Assert.Equal("sensor-gone", burst.Source);
        Assert.Equal(1, detector.TrackedClients);
    }

    [Fact]
    public void A_flooding_source_gives_up_its_own_clients_before_others()
    {
        var detector = new FindingDetector(new FindingOptions { MaxTrackedClients = 10 });
        for (var c = 0; c < 3; c++)
        {
            detector.Observe(From("quiet", $"192.0.2.{c + 1}", 0, "/", 200), Calls.Endpoint("/"));
        }

        for (var c = 0; c < 200; c++)
        {
            detector.Observe(From("flood", $"198.51.100.{c % 250}", c * 0.01, "/", 200), Calls.Endpoint("/"));
            Assert.True(detector.TrackedClients <= 10);
        }

        Assert.Equal(193, detector.Counters.ClientsEvicted);
        Failures(detector, "quiet", "192.0.2.1", 1, 10);
        Assert.Equal("quiet", Assert.Single(detector.Findings()).Source);
    }

    [Fact]
    public void The_catalog_keeps_event_time_per_source_and_takes_its_clock_from_the_options()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var catalog = new ApiCatalog(new CatalogOptions { TimeProvider = clock });
        for (var i = 0; i < 12; i++)
        {
            catalog.Ingest(From("sensor-a", "192.0.2.1", i, "/login", 401));
            catalog.Ingest(From("sensor-skewed", "192.0.2.9", Year + i, "/", 200));
        }

        var burst = Assert.Single(catalog.Build().Findings);
        Assert.Equal("sensor-a", burst.Source);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Single(catalog.Build().Findings);
    }

    [Fact]
    public void Observing_known_clients_and_recycled_ones_allocates_nothing()
    {
        var options = new FindingOptions { MaxTrackedClients = 64, EnumerationMaxEndpointsPerClient = 4 };
        var detector = new FindingDetector(options);
        var warmUp = Stream(offsetSeconds: 0);
        var measured = Stream(offsetSeconds: 2_000);
        foreach (var (call, endpoint) in warmUp)
        {
            detector.Observe(call, endpoint);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var (call, endpoint) in measured)
        {
            detector.Observe(call, endpoint);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(detector.Counters.ClientsEvicted > 1000, "clients must churn for this to test recycling");
        // One allocation per call would be ≥ 24 bytes × 20,000; what remains is windows and id maps still growing
        // to a size this traffic had not needed yet (measured: 4.4 KB in all).
        Assert.True(allocated < measured.Count, $"allocated {allocated} bytes over {measured.Count} calls");

        static List<(ApiCall Call, EndpointKey Endpoint)> Stream(double offsetSeconds)
        {
            var calls = new List<(ApiCall Call, EndpointKey Endpoint)>();
            var random = new Random(1);
            for (var i = 0; i < 20_000; i++)
            {
                // 200 clients over a bound of 64 (recycled), 8 parameterised endpoints over a stream bound of 4.
                var client = $"10.2.0.{random.Next(200)}";
                var resource = $"/r{random.Next(8)}";
                var call = From("sensor-a", client, offsetSeconds + (i * 0.05), $"{resource}/{random.Next(1_000_000)}", 200);
                calls.Add((call, Calls.Endpoint(resource + "/{id}")));
            }
            return calls;
        }
    }
}
