using System.Diagnostics.Metrics;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Service.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Service.Tests.Telemetry;

/// <summary>CollectorTelemetry on its own: instruments as /metrics renders them, and finding records once per change.</summary>
public sealed class CollectorTelemetryTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly CapturedLogs _logs = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly CollectorTelemetry _telemetry;

    public CollectorTelemetryTests()
    {
        _services = new ServiceCollection().AddMetrics().AddLogging(logging => logging.AddProvider(_logs)).BuildServiceProvider();
        _telemetry = new CollectorTelemetry(_services.GetRequiredService<IMeterFactory>(), _services.GetRequiredService<ILoggerFactory>(), _time);
    }

    public void Dispose()
    {
        _telemetry.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Counters_render_with_their_attributes_and_totals()
    {
        _telemetry.CallsIngested("sensor-a", 3);
        _telemetry.CallsIngested("sensor-a", 4);
        _telemetry.CallsIngested("sensor-b", 5);
        _telemetry.StreamRefused(RefusalReasons.Unauthenticated);
        _telemetry.StreamRefused(RefusalReasons.Unauthenticated);
        _telemetry.Dropped(DropReasons.SensorQueueOverflow, 1_000);
        _telemetry.Dropped("made up", 2);
        _telemetry.BatchDuplicate("sensor-b");

        var text = _telemetry.Scrape.Render();

        Assert.Contains("# TYPE apisentinel_collector_calls_ingested_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_calls_ingested_total{sensor_id=\"sensor-a\"} 7\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_calls_ingested_total{sensor_id=\"sensor-b\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_streams_refused_total{reason=\"unauthenticated\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_calls_dropped_total{reason=\"sensor-queue-overflow\"} 1000\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_calls_dropped_total{reason=\"other\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_batches_duplicate_total{sensor_id=\"sensor-b\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("made up", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensor_ids_past_the_bound_share_one_series_and_are_counted()
    {
        for (var i = 0; i < SensorIdLabels.MaxDistinct + 5; i++)
        {
            _telemetry.CallsIngested("sensor-" + i, 1);
        }

        _telemetry.CallsIngested("sensor-0", 1);
        var text = _telemetry.Scrape.Render();

        Assert.Contains("apisentinel_collector_calls_ingested_total{sensor_id=\"sensor-0\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains($"apisentinel_collector_calls_ingested_total{{sensor_id=\"sensor-{SensorIdLabels.MaxDistinct - 1}\"}} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"sensor_id=\"sensor-{SensorIdLabels.MaxDistinct}\"", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_calls_ingested_total{sensor_id=\"(other)\"} 5\n", text, StringComparison.Ordinal);
        Assert.Equal(5, _telemetry.SensorIdsFolded);
    }

    [Fact]
    public void Content_findings_are_told_apart_by_their_asset_and_updated_alone()
    {
        var traffic = new ScannerTraffic()
            .Asset("/app.js", "aws-access-key", "AKIA************MPLE", "fp-one")
            .Asset("/vendor.js", "credit-card", "4111********1111", "fp-two");
        _telemetry.Published(traffic.Build());
        _telemetry.Published(traffic.Build());

        var opened = FindingRecords();
        Assert.Equal(2, opened.Count);
        Assert.All(opened, r => Assert.Equal(FindingEvents.Opened, r.Id.Name));
        Assert.All(opened, r => Assert.Equal(FindingKinds.SecretInStaticAsset, r.State[FindingAttributes.Kind]));
        Assert.All(opened, r => Assert.False(r.State.ContainsKey(FindingAttributes.Client)));
        Assert.NotEqual(opened[0].State[FindingAttributes.Id], opened[1].State[FindingAttributes.Id]);

        _telemetry.Published(traffic.Asset("/vendor.js", "credit-card", "4111********1111", "fp-two").Build());

        var records = FindingRecords();
        Assert.Equal(3, records.Count);
        Assert.Equal(FindingEvents.Updated, records[2].Id.Name);
        Assert.Equal(opened.Single(r => ((string[])r.State[FindingAttributes.Endpoints]!)[0].EndsWith("/vendor.js", StringComparison.Ordinal)).State[FindingAttributes.Id],
            records[2].State[FindingAttributes.Id]);
    }

    [Fact]
    public void A_finding_record_carries_only_the_finding_attributes()
    {
        _telemetry.Published(new ScannerTraffic().Ordinary(4).Scan(3).Build());

        var record = Assert.Single(FindingRecords());
        var known = typeof(FindingAttributes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        Assert.All(record.State.Keys, key => Assert.True(known.Contains(key) || key.StartsWith(FindingAttributes.EvidencePrefix, StringComparison.Ordinal), key));
        Assert.Equal("2023-11-14T22:15:00.000000Z", record.State[FindingAttributes.Start]);
        Assert.Equal("2023-11-14T22:15:02.000000Z", record.State[FindingAttributes.End]);
        Assert.Equal(LogLevel.Warning, record.Level); // high: a named attack tool
    }

    [Fact]
    public void Ingest_lag_is_a_histogram_in_seconds_and_negative_lag_counts_as_zero()
    {
        _telemetry.IngestLag(TimeSpan.FromMilliseconds(300));
        _telemetry.IngestLag(TimeSpan.FromSeconds(-5));
        _telemetry.IngestLagOf(_time.GetUtcNow().ToUnixTimeMilliseconds() * 1000 - 90_000_000);

        var text = _telemetry.Scrape.Render();

        Assert.Contains("# TYPE apisentinel_collector_ingest_lag_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_ingest_lag_seconds_bucket{le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_ingest_lag_seconds_bucket{le=\"0.5\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_ingest_lag_seconds_bucket{le=\"60\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_ingest_lag_seconds_bucket{le=\"300\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_ingest_lag_seconds_bucket{le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_ingest_lag_seconds_sum 90.3\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_ingest_lag_seconds_count 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Connected_sensors_count_distinct_sensors_and_never_go_negative()
    {
        _telemetry.SensorConnected("a");
        _telemetry.SensorConnected("b");
        _telemetry.SensorConnected("b"); // reconnected before the old stream was noticed gone
        _telemetry.SensorDisconnected("b");
        Assert.Contains("apisentinel_collector_sensors_connected 2\n", _telemetry.Scrape.Render(), StringComparison.Ordinal);

        _telemetry.SensorDisconnected("b");
        _telemetry.SensorDisconnected("a");
        _telemetry.SensorDisconnected("a");
        Assert.Contains("apisentinel_collector_sensors_connected 0\n", _telemetry.Scrape.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Published_sets_endpoint_gauges_by_risk_level()
    {
        var snapshot = new ScannerTraffic().Ordinary(10).Scan(3).Build();
        _telemetry.Published(snapshot);

        var text = _telemetry.Scrape.Render();

        foreach (var level in new[] { "none", "low", "medium", "high", "critical" })
        {
            var expected = snapshot.Endpoints.Count(e => e.Risk.Level == level);
            Assert.Contains($"apisentinel_collector_endpoints{{risk_level=\"{level}\"}} {expected}\n", text, StringComparison.Ordinal);
        }

        Assert.True(snapshot.Endpoints.Count > 0);
        Assert.Contains("apisentinel_collector_shadow_endpoints 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_is_logged_once_when_opened_and_once_per_change()
    {
        var traffic = new ScannerTraffic().Ordinary(4).Scan(2);
        var first = traffic.Build();
        var finding = Assert.Single(first.Findings);
        Assert.Equal(FindingKinds.Scanner, finding.Kind);

        _telemetry.Published(first);
        _telemetry.Published(first);
        _telemetry.Published(traffic.Build()); // nothing new: same evidence

        var opened = Assert.Single(FindingRecords());
        Assert.Equal(FindingEvents.Opened, opened.Id.Name);
        Assert.Equal(finding.Summary, opened.Message);
        Assert.Equal(FindingKinds.Scanner, opened.State[FindingAttributes.Kind]);
        Assert.Equal(ScannerTraffic.Scanner, opened.State[FindingAttributes.Client]);
        Assert.Equal(ScannerTraffic.Sensor, opened.State[FindingAttributes.Source]);
        Assert.Equal("sqlmap", opened.State[FindingAttributes.EvidencePrefix + "tool"]);
        Assert.Equal("2", opened.State[FindingAttributes.EvidencePrefix + "requests"]);

        _telemetry.Published(traffic.Scan(3).Build());
        _telemetry.Published(traffic.Build());

        var records = FindingRecords();
        Assert.Equal(2, records.Count);
        var updated = records[1];
        Assert.Equal(FindingEvents.Updated, updated.Id.Name);
        Assert.Equal("5", updated.State[FindingAttributes.EvidencePrefix + "requests"]);
        Assert.Equal(opened.State[FindingAttributes.Id], updated.State[FindingAttributes.Id]);
        Assert.Contains("apisentinel_collector_findings_logged_total{event_name=\"finding.opened\"} 1\n", _telemetry.Scrape.Render(), StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_findings_logged_total{event_name=\"finding.updated\"} 1\n", _telemetry.Scrape.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_late_call_that_moves_an_episode_start_earlier_updates_it_under_the_same_id()
    {
        var traffic = new ScannerTraffic().Scan(3);
        _telemetry.Published(traffic.Build());
        var opened = Assert.Single(FindingRecords());
        Assert.Equal("2023-11-14T22:15:00.000000Z", opened.State[FindingAttributes.Start]);

        // A call stamped before the scan's first, arriving late: the episode starts earlier now, and is the same one.
        _telemetry.Published(traffic.LateScan(95).Build());

        var records = FindingRecords();
        Assert.Equal(2, records.Count);
        Assert.Equal(FindingEvents.Updated, records[1].Id.Name);
        Assert.Equal("2023-11-14T22:14:55.000000Z", records[1].State[FindingAttributes.Start]);
        Assert.Equal(opened.State[FindingAttributes.Id], records[1].State[FindingAttributes.Id]);
    }

    [Fact]
    public void A_snapshot_older_than_the_last_published_is_ignored()
    {
        var traffic = new ScannerTraffic().Ordinary(4);
        var older = traffic.Build();
        var newer = traffic.Scan(3).Build();
        Assert.True(newer.Generation > older.Generation);

        // The checkpoint timer's snapshot arrives after the build timer's newer one.
        _telemetry.Published(newer);
        _telemetry.Published(older);
        _telemetry.Published(newer);

        // Published in order, the older one would have closed the finding and the newer one opened it a second time.
        var opened = Assert.Single(FindingRecords());
        Assert.Equal(FindingEvents.Opened, opened.Id.Name);
        Assert.Equal(2, _telemetry.StalePublishes);
        var expected = newer.Endpoints.Count(e => e.Risk.Level == "none");
        Assert.Contains($"apisentinel_collector_endpoints{{risk_level=\"none\"}} {expected}\n", _telemetry.Scrape.Render(), StringComparison.Ordinal);
    }

    private List<CapturedLogs.Entry> FindingRecords() => [.. _logs.Entries.Where(e => e.Category == FindingEvents.Category)];
}
