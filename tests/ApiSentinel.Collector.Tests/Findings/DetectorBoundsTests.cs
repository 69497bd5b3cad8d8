using ApiSentinel.Collector.Findings;

namespace ApiSentinel.Collector.Tests.Findings;

public sealed class DetectorBoundsTests
{
    [Fact]
    public void Client_state_is_capped_and_evicted_clients_keep_their_findings()
    {
        var detector = new FindingDetector(new FindingOptions { MaxTrackedClients = 50 });
        for (var client = 0; client < 1_000; client++)
        {
            for (var i = 0; i < 10; i++)
            {
                detector.Plain($"10.1.{client / 256}.{client % 256}", (client * 0.01) + (i * 0.001), $"/p{i}", 404);
            }

            Assert.True(detector.TrackedClients <= 50);
        }

        Assert.Equal(950, detector.Counters.ClientsEvicted);
        Assert.Equal(1_000, detector.Findings().Count);
    }

    [Fact]
    public void Idle_clients_expire_by_call_timestamps()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 10; i++)
        {
            detector.Plain("192.0.2.1", i, "/login", 401);
        }

        detector.Plain("192.0.2.2", 3_600, "/", 200);

        Assert.Equal(1, detector.TrackedClients);
        Assert.Equal(1, detector.Counters.ClientsExpired);
        Assert.Equal("192.0.2.1", Assert.Single(detector.Findings()).Client);
    }

    [Fact]
    public void Closed_findings_beyond_the_cap_are_dropped_and_counted()
    {
        var detector = new FindingDetector(new FindingOptions { MaxFindings = 3, MaxTrackedClients = 1 });
        for (var client = 0; client < 6; client++)
        {
            detector.Plain($"192.0.2.{client}", client, "/", 200, tool: "nikto");
        }

        // Five clients were evicted (closing their episodes), the sixth is still open.
        Assert.Equal(2, detector.Counters.FindingsDropped);
        Assert.Equal(4, detector.Findings().Count);
    }

    [Fact]
    public void A_full_window_drops_its_oldest_calls_and_counts_them()
    {
        var detector = new FindingDetector(new FindingOptions { MaxEventsPerWindow = 20 });
        for (var i = 0; i < 100; i++)
        {
            detector.Plain("192.0.2.5", i * 0.01, "/same", 200);
        }

        Assert.Equal(80, detector.Counters.WindowEventsDropped);
        Assert.Equal(100, detector.Counters.CallsObserved);
    }

    [Fact]
    public void Endpoints_listed_per_finding_are_capped()
    {
        var detector = new FindingDetector(new FindingOptions { MaxEndpointsPerFinding = 5 });
        for (var i = 0; i < 20; i++)
        {
            detector.Plain("192.0.2.5", i, $"/p{i:D2}", 404);
        }

        var finding = Assert.Single(detector.Findings());
        Assert.Equal(5, finding.Endpoints.Count);
        Assert.Equal("15", finding.Evidence["endpointsNotListed"]);
        Assert.Equal("20", finding.Evidence["distinctPaths"]);
    }

    [Fact]
    public void Invalid_options_are_rejected_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FindingDetector(new FindingOptions { ScannerMinErrorRatio = 1.5 }));
        Assert.Equal(nameof(FindingOptions.ScannerMinErrorRatio), error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FindingDetector(new FindingOptions { MaxTrackedClients = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FindingDetector(new FindingOptions { MaxEventsPerWindow = 5 }));
    }
}
