using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Service.Telemetry;
using ApiSentinel.Collector.Service.Tests.Otlp.Logs;
using ApiSentinel.Collector.Service.Tests.Otlp.Metrics;
using LoggerProvider = OpenTelemetry.Logs.LoggerProvider;
using MeterProvider = OpenTelemetry.Metrics.MeterProvider;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Collector.Service.Tests.Telemetry;

/// <summary>
/// The collector's telemetry through the real OTLP exporter into a real receiver (<see cref="OtlpReceiver"/>),
/// configured only by the standard OTEL_* variables.
/// </summary>
public sealed class OtlpExportTests : IAsyncLifetime
{
    private OtlpReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await OtlpReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Metrics_and_finding_records_arrive_over_grpc_with_their_names_and_attributes()
    {
        await using var host = await TelemetryHost.StartAsync(TelemetryHost.Fast(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", _receiver.GrpcEndpoint.ToString()),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")));
        var traffic = new ScannerTraffic().Ordinary(6).Scan(2);
        var snapshot = traffic.Build();
        Drive(host.Telemetry, snapshot);

        // Every value the assertions below read, waited for together: an export taken before the last measurement
        // would have some of them and not others, and waiting for one value alone let the test read stale ones.
        long? Point(string name, params (string Key, string Value)[] attributes) => Otlp.LatestPoint(_receiver.Received, name, attributes)?.AsInt;
        var levels = new[] { "none", "low", "medium", "high", "critical" };
        await Otlp.Eventually(() =>
            Point(MetricNames.CallsIngested, (MetricAttributes.SensorId, "sensor-a")) == 7
            && Point(MetricNames.CallsIngested, (MetricAttributes.SensorId, "sensor-b")) == 3
            && Point(MetricNames.StreamsRefused, (MetricAttributes.Reason, RefusalReasons.Unauthenticated)) == 2
            && Point(MetricNames.StreamsRefused, (MetricAttributes.Reason, RefusalReasons.OutOfOrder)) == 1
            && Point(MetricNames.CallsDropped, (MetricAttributes.Reason, DropReasons.SensorQueueOverflow)) == 40
            && Point(MetricNames.CallsDropped, (MetricAttributes.Reason, DropReasons.RejectedCall)) == 3
            && Point(MetricNames.BatchesDuplicate, (MetricAttributes.SensorId, "sensor-b")) == 1
            && Point(MetricNames.SensorsConnected) == 2
            && Point(MetricNames.ShadowEndpoints) == 0
            && levels.All(level => Point(MetricNames.Endpoints, (MetricAttributes.RiskLevel, level)) == snapshot.Endpoints.Count(e => e.Risk.Level == level))
            && Otlp.MetricsOf(_receiver.Received).LastOrDefault(m => m.Metric.Name == MetricNames.IngestLag).Metric?.Histogram.DataPoints.SingleOrDefault()?.Count == 2UL,
            "every metric at its driven value");
        var metrics = Otlp.MetricsOf(_receiver.Received).ToList();
        var (resource, scope, ingested) = metrics.Last(m => m.Metric.Name == MetricNames.CallsIngested);
        Assert.Equal(CollectorTelemetry.MeterName, scope.Scope.Name);
        Assert.Equal(TelemetryRegistration.DefaultServiceName, Otlp.Attributes(resource.Resource.Attributes).Text("service.name"));
        Assert.Equal(MetricNames.CallsIngestedUnit, ingested.Unit);
        Assert.Equal(MetricNames.CallsIngestedDescription, ingested.Description);
        Assert.True(ingested.Sum.IsMonotonic);
        Assert.Equal(AggregationTemporality.Cumulative, ingested.Sum.AggregationTemporality);
        Assert.Equal(3, Otlp.LatestPoint(_receiver.Received, MetricNames.CallsIngested, (MetricAttributes.SensorId, "sensor-b"))?.AsInt);

        Assert.Equal(2, Otlp.LatestPoint(_receiver.Received, MetricNames.StreamsRefused, (MetricAttributes.Reason, RefusalReasons.Unauthenticated))?.AsInt);
        Assert.Equal(1, Otlp.LatestPoint(_receiver.Received, MetricNames.StreamsRefused, (MetricAttributes.Reason, RefusalReasons.OutOfOrder))?.AsInt);
        Assert.Equal(40, Otlp.LatestPoint(_receiver.Received, MetricNames.CallsDropped, (MetricAttributes.Reason, DropReasons.SensorQueueOverflow))?.AsInt);
        Assert.Equal(3, Otlp.LatestPoint(_receiver.Received, MetricNames.CallsDropped, (MetricAttributes.Reason, DropReasons.RejectedCall))?.AsInt);
        Assert.Equal(1, Otlp.LatestPoint(_receiver.Received, MetricNames.BatchesDuplicate, (MetricAttributes.SensorId, "sensor-b"))?.AsInt);

        var connected = metrics.Last(m => m.Metric.Name == MetricNames.SensorsConnected).Metric;
        Assert.False(connected.Sum.IsMonotonic);
        Assert.Equal(2, Assert.Single(connected.Sum.DataPoints).AsInt);

        foreach (var level in levels)
        {
            Assert.Equal(snapshot.Endpoints.Count(e => e.Risk.Level == level),
                Otlp.LatestPoint(_receiver.Received, MetricNames.Endpoints, (MetricAttributes.RiskLevel, level))?.AsInt);
        }

        Assert.Equal(0, Otlp.LatestPoint(_receiver.Received, MetricNames.ShadowEndpoints)?.AsInt);

        var lag = metrics.Last(m => m.Metric.Name == MetricNames.IngestLag).Metric;
        Assert.Equal(MetricNames.IngestLagUnit, lag.Unit);
        var lagPoint = Assert.Single(lag.Histogram.DataPoints);
        Assert.Equal(2UL, lagPoint.Count);
        Assert.Equal(2.8, lagPoint.Sum, 6);
        Assert.Contains(2.5, lagPoint.ExplicitBounds);

        // The finding: one record, event name, body and evidence as attributes.
        await Otlp.Eventually(() => FindingRecords().Count > 0, "a finding record");
        var (logResource, record) = Assert.Single(FindingRecords());
        var finding = Assert.Single(snapshot.Findings);
        Assert.Equal(FindingEvents.Opened, record.EventName);
        Assert.Equal(finding.Summary, record.Body.StringValue);
        Assert.Equal(FindingSeverities.High, finding.Severity); // a named attack tool
        Assert.Equal(SeverityNumber.Warn, record.SeverityNumber);
        Assert.Equal(TelemetryRegistration.DefaultServiceName, Otlp.Attributes(logResource.Resource.Attributes).Text("service.name"));
        var attributes = Otlp.Attributes(record.Attributes);
        Assert.Equal(FindingKinds.Scanner, attributes.Text(FindingAttributes.Kind));
        Assert.Equal(finding.Severity, attributes.Text(FindingAttributes.Severity));
        Assert.Equal(ScannerTraffic.Scanner, attributes.Text(FindingAttributes.Client));
        Assert.Equal(ScannerTraffic.Sensor, attributes.Text(FindingAttributes.Source));
        Assert.Equal("sqlmap", attributes.Text(FindingAttributes.EvidencePrefix + "tool"));
        Assert.Equal("2", attributes.Text(FindingAttributes.EvidencePrefix + "requests"));
        Assert.Equal(finding.Endpoints.Select(e => e.ToString()), attributes[FindingAttributes.Endpoints].ArrayValue.Values.Select(v => v.StringValue));
        Assert.Equal(16, attributes.Text(FindingAttributes.Id)?.Length);

        // Published again with nothing new: no record. The scan goes on: one "updated" record. Records leave in the
        // order they were written, so when the update has arrived any duplicate written before it has too.
        host.Telemetry.Published(traffic.Build());
        host.Telemetry.Published(snapshot);
        host.Telemetry.Published(traffic.Scan(4).Build());
        await Otlp.Eventually(() => FindingRecords().Count >= 2, "the finding.updated record");
        host.Telemetry.Published(traffic.Build());
        host.Telemetry.Published(traffic.Scan(1).Build());
        await Otlp.Eventually(() => FindingRecords().Count >= 3, "the second finding.updated record");

        var records = FindingRecords();
        Assert.Equal([FindingEvents.Opened, FindingEvents.Updated, FindingEvents.Updated], records.Select(r => r.Record.EventName));
        var updated = Otlp.Attributes(records[1].Record.Attributes);
        Assert.Equal("6", updated.Text(FindingAttributes.EvidencePrefix + "requests"));
        Assert.Equal(attributes.Text(FindingAttributes.Id), updated.Text(FindingAttributes.Id));
        Assert.Equal("7", Otlp.Attributes(records[2].Record.Attributes).Text(FindingAttributes.EvidencePrefix + "requests"));
    }

    [Fact]
    public async Task No_masked_sample_or_credential_fingerprint_reaches_otlp()
    {
        const string Masked = "AKIA************Z7QX";
        const string Fingerprint = "fp-0d4c2b9e7a61";
        await using var host = await TelemetryHost.StartAsync(TelemetryHost.Fast(("OTEL_EXPORTER_OTLP_ENDPOINT", _receiver.GrpcEndpoint.ToString())));
        var snapshot = new ScannerTraffic().Asset("/app.js", "aws-access-key", Masked, Fingerprint).Scan(2).Build();
        Assert.Contains(snapshot.StaticAssets, a => a.MaskedSamplesOf(("aws-access-key", "response.body")).Contains(Masked)); // the catalog has it
        Drive(host.Telemetry, snapshot);

        await Otlp.Eventually(() => FindingRecords().Count == 2, "both finding records");
        Assert.Contains(FindingRecords(), r => Otlp.Attributes(r.Record.Attributes).Text(FindingAttributes.Kind) == FindingKinds.SecretInStaticAsset);
        var wire = string.Join("\n", _receiver.Received.Logs.Select(r => r.ToString()).Concat(_receiver.Received.Metrics.Select(r => r.ToString())));
        Assert.DoesNotContain(Masked, wire, StringComparison.Ordinal);
        Assert.DoesNotContain("Z7QX", wire, StringComparison.Ordinal);
        Assert.DoesNotContain(Fingerprint, wire, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_categories_go_out_over_otlp_from_warning_only()
    {
        await using var host = await TelemetryHost.StartAsync(TelemetryHost.Fast(("OTEL_EXPORTER_OTLP_ENDPOINT", _receiver.GrpcEndpoint.ToString())));
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ApiSentinel.Collector.Service.Ingest");
        logger.LogInformation("routine {Number}", 1);
        logger.LogWarning("worth exporting {Number}", 2);
        host.Telemetry.Published(new ScannerTraffic().Scan(1).Build());

        // Records leave in order: once the finding (written last) is in, the others written before it are too.
        await Otlp.Eventually(() => FindingRecords().Count == 1, "the finding record");
        var bodies = Otlp.LogsOf(_receiver.Received).Select(r => r.Record.Body?.StringValue).ToList();
        Assert.Contains("worth exporting 2", bodies);
        Assert.DoesNotContain("routine 1", bodies);
    }

    [Fact]
    public async Task Metrics_page_renders_the_same_instruments_as_otlp()
    {
        await using var host = await TelemetryHost.StartAsync(TelemetryHost.Fast(("OTEL_EXPORTER_OTLP_ENDPOINT", _receiver.GrpcEndpoint.ToString())));
        var snapshot = new ScannerTraffic().Ordinary(6).Scan(2).Build();
        Drive(host.Telemetry, snapshot);
        // The store's and owner's own counters exist once the lifecycle observes them: every instrument, so observe here.
        var directory = Directory.CreateTempSubdirectory("apisentinel-otlp-state-");
        using var store = ApiSentinel.Collector.Storage.CollectorStore.Open(directory.FullName, new ApiSentinel.Collector.Storage.CollectorStoreOptions(), TimeProvider.System);
        await using var owner = new ApiSentinel.Collector.Catalog.CatalogOwner(new ApiSentinel.Collector.Catalog.ApiCatalog(new ApiSentinel.Collector.Catalog.CatalogOptions()),
            new Dictionary<ApiSentinel.Collector.Catalog.StreamKey, long>());
        host.Telemetry.Observe(store, owner);
        // And the Kubernetes sink's, registered when the sink is enabled.
        host.Telemetry.ObserveKubernetes(new ApiSentinel.Collector.Kubernetes.Writes.KubernetesSinkCounters(),
            new ApiSentinel.Collector.Kubernetes.Writes.WriteRateLimiter(1, 1, TimeProvider.System));
        host.Telemetry.ObserveKubernetesWatches(
            [KeyValuePair.Create(KubernetesWatchedResources.Services, new ApiSentinel.Collector.Kubernetes.Watching.ResourceWatcherCounters())],
            new ApiSentinel.Collector.Kubernetes.Specs.ApiSpecControllerCounters());

        var text = await host.ScrapeAsync();

        await Otlp.Eventually(() => Exported().Count == AllMetricNames().Count, "every instrument exported");
        Assert.Equal(AllMetricNames(), Exported());
        var exported = Exported();
        foreach (var name in exported)
        {
            Assert.Contains("# TYPE " + name.Replace('.', '_'), text, StringComparison.Ordinal);
        }

        Assert.Contains("apisentinel_collector_calls_ingested_total{sensor_id=\"sensor-a\"} 7\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_streams_refused_total{reason=\"unauthenticated\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_calls_dropped_total{reason=\"sensor-queue-overflow\"} 40\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_sensors_connected 2\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_ingest_lag_seconds_count 2\n", text, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_findings_logged_total{event_name=\"finding.opened\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"apisentinel_collector_endpoints{{risk_level=\"none\"}} {snapshot.Endpoints.Count(e => e.Risk.Level == "none")}\n", text, StringComparison.Ordinal);
        store.Dispose();
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Http_protobuf_is_honoured_with_the_signal_paths_appended()
    {
        await using var host = await TelemetryHost.StartAsync(TelemetryHost.Fast(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", _receiver.HttpEndpoint.ToString()),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")));
        Drive(host.Telemetry, new ScannerTraffic().Scan(1).Build());

        await Otlp.Eventually(() => Otlp.LatestPoint(_receiver.Received, MetricNames.CallsIngested, (MetricAttributes.SensorId, "sensor-a"))?.AsInt == 7,
            "calls.ingested over http/protobuf");
        await Otlp.Eventually(() => FindingRecords().Count == 1, "the finding record over http/protobuf");
    }

    [Fact]
    public async Task Service_name_and_resource_attributes_come_from_the_standard_variables()
    {
        await using var host = await TelemetryHost.StartAsync(TelemetryHost.Fast(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", _receiver.GrpcEndpoint.ToString()),
            ("OTEL_SERVICE_NAME", "collector-eu"),
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=staging,k8s.namespace.name=apisentinel")));
        host.Telemetry.CallsIngested("sensor-a", 1);

        await Otlp.Eventually(() => Otlp.MetricsOf(_receiver.Received).Any(m => m.Metric.Name == MetricNames.CallsIngested), "an export");
        var resource = Otlp.Attributes(Otlp.MetricsOf(_receiver.Received).First(m => m.Metric.Name == MetricNames.CallsIngested).Resource.Resource.Attributes);
        Assert.Equal("collector-eu", resource.Text("service.name"));
        Assert.Equal("staging", resource.Text("deployment.environment"));
        Assert.Equal("apisentinel", resource.Text("k8s.namespace.name"));
    }

    [Fact]
    public async Task A_signal_specific_endpoint_exports_that_signal_only()
    {
        var host = await TelemetryHost.StartAsync(TelemetryHost.Fast(
            ("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", _receiver.GrpcEndpoint.ToString()),
            ("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "grpc")));
        Drive(host.Telemetry, new ScannerTraffic().Scan(1).Build());
        Assert.Null(host.Services.GetService<LoggerProvider>());
        await host.StopAsync();

        Assert.Equal(7, Otlp.LatestPoint(_receiver.Received, MetricNames.CallsIngested, (MetricAttributes.SensorId, "sensor-a"))?.AsInt);
        Assert.Empty(_receiver.Received.Logs);
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_set_up_to_export_and_telemetry_still_works()
    {
        var host = await TelemetryHost.StartAsync(TelemetryHost.Fast());
        Drive(host.Telemetry, new ScannerTraffic().Scan(1).Build());

        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.Null(host.Services.GetService<LoggerProvider>());
        Assert.Contains("apisentinel_collector_calls_ingested_total{sensor_id=\"sensor-a\"} 7\n", await host.ScrapeAsync(), StringComparison.Ordinal);
        await host.StopAsync();
        Assert.Empty(_receiver.Received.Metrics);
        Assert.Empty(_receiver.Received.Logs);
    }

    [Fact]
    public async Task Sdk_disabled_exports_nothing_even_with_an_endpoint()
    {
        var host = await TelemetryHost.StartAsync(TelemetryHost.Fast(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", _receiver.GrpcEndpoint.ToString()),
            ("OTEL_SDK_DISABLED", "true")));
        Drive(host.Telemetry, new ScannerTraffic().Scan(1).Build());
        Assert.Contains("apisentinel_collector_calls_ingested_total{sensor_id=\"sensor-a\"} 7\n", await host.ScrapeAsync(), StringComparison.Ordinal);

        // Stopping flushes and shuts down any provider there is: whatever would have gone out has gone by now.
        await host.StopAsync();
        Assert.Empty(_receiver.Received.Metrics);
        Assert.Empty(_receiver.Received.Logs);
    }

    /// <summary>One of everything: 7 calls from sensor-a and 3 from sensor-b, refusals, drops, two sensors, two lags, a snapshot.</summary>
    private static void Drive(CollectorTelemetry telemetry, Collector.Catalog.CatalogSnapshot snapshot)
    {
        telemetry.CallsIngested("sensor-a", 4);
        telemetry.CallsIngested("sensor-a", 3);
        telemetry.CallsIngested("sensor-b", 3);
        telemetry.BatchDuplicate("sensor-b");
        telemetry.StreamRefused(RefusalReasons.Unauthenticated);
        telemetry.StreamRefused(RefusalReasons.Unauthenticated);
        telemetry.StreamRefused(RefusalReasons.OutOfOrder);
        telemetry.Dropped(DropReasons.SensorQueueOverflow, 40);
        telemetry.Dropped(DropReasons.RejectedCall, 3);
        telemetry.SensorConnected("sensor-a");
        telemetry.SensorConnected("sensor-b");
        telemetry.IngestLag(TimeSpan.FromMilliseconds(300));
        telemetry.IngestLag(TimeSpan.FromMilliseconds(2500));
        telemetry.Published(snapshot);
    }

    private List<string> Exported() => [.. Otlp.MetricsOf(_receiver.Received).Select(m => m.Metric.Name).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Every name listed in <see cref="MetricNames"/>.</summary>
    private static List<string> AllMetricNames() =>
        [.. typeof(MetricNames).GetFields().Where(f => f.IsLiteral && !f.Name.EndsWith("Unit", StringComparison.Ordinal) && !f.Name.EndsWith("Description", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal)];

    private List<(ResourceLogs Resource, LogRecord Record)> FindingRecords() =>
        [.. Otlp.LogsOf(_receiver.Received).Where(r => r.Record.EventName is FindingEvents.Opened or FindingEvents.Updated)];
}
