using System.Diagnostics.Metrics;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Specs;
using ApiSentinel.Collector.Kubernetes.Watching;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Collector.Service.Telemetry.Prometheus;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>
/// The collector's telemetry: the instruments of the meter <see cref="MeterName"/> (listed in <see cref="MetricNames"/>),
/// exported over OTLP when configured and scraped at /metrics, and one log record per finding change
/// (<see cref="FindingEvents"/>). One per process (a singleton); every method is safe from any thread.
/// </summary>
public sealed class CollectorTelemetry : IDisposable
{
    public const string MeterName = "apisentinel.collector";

    /// <summary>
    /// Ingest-lag buckets in seconds: a live sensor's calls leave it within a second or two, a reconnecting one's
    /// after its backoff (up to a minute), a replay's by hours. The SDK's default bounds (0–10 000) are milliseconds'.
    /// </summary>
    private static readonly double[] LagBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600];

    private static readonly string[] Levels = [RiskLevels.None, RiskLevels.Low, RiskLevels.Medium, RiskLevels.High, RiskLevels.Critical];

    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private readonly Counter<long> _callsIngested;
    private readonly Counter<long> _batchesDuplicate;
    private readonly Counter<long> _streamsRefused;
    private readonly Counter<long> _callsDropped;
    private readonly Counter<long> _findingsLogged;
    private readonly Histogram<double> _ingestLag;
    private readonly SensorIdLabels _sensorIds = new();
    private readonly Dictionary<string, int> _connected = new(StringComparer.Ordinal);
    private readonly FindingLog _findings;
    private volatile CatalogCounts _catalog = CatalogCounts.Empty;
    private readonly Lock _publish = new();
    private long _publishedGeneration;
    private long _stalePublishes;
    private long _specsDroppedOnImport;
    private int _observing;
    private int _observingKubernetes;
    private int _observingWatches;

    public CollectorTelemetry(IMeterFactory meters, ILoggerFactory logs, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _findings = new FindingLog(logs.CreateLogger(FindingEvents.Category));
        _meter = meters.Create(new MeterOptions(MeterName));

        // The scrape listener starts before the instruments exist, so it sees every measurement from the first.
        Scrape = new PrometheusExposition(_meter);

        _callsIngested = _meter.CreateCounter<long>(MetricNames.CallsIngested, MetricNames.CallsIngestedUnit, MetricNames.CallsIngestedDescription);
        _batchesDuplicate = _meter.CreateCounter<long>(MetricNames.BatchesDuplicate, MetricNames.BatchesDuplicateUnit, MetricNames.BatchesDuplicateDescription);
        _streamsRefused = _meter.CreateCounter<long>(MetricNames.StreamsRefused, MetricNames.StreamsRefusedUnit, MetricNames.StreamsRefusedDescription);
        _callsDropped = _meter.CreateCounter<long>(MetricNames.CallsDropped, MetricNames.CallsDroppedUnit, MetricNames.CallsDroppedDescription);
        _findingsLogged = _meter.CreateCounter<long>(MetricNames.FindingsLogged, MetricNames.FindingsLoggedUnit, MetricNames.FindingsLoggedDescription);
        _ingestLag = _meter.CreateHistogram(MetricNames.IngestLag, MetricNames.IngestLagUnit, MetricNames.IngestLagDescription,
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
        _meter.CreateObservableUpDownCounter(MetricNames.SensorsConnected, ObserveConnected, MetricNames.SensorsConnectedUnit, MetricNames.SensorsConnectedDescription);
        _meter.CreateObservableUpDownCounter(MetricNames.Endpoints, ObserveEndpoints, MetricNames.EndpointsUnit, MetricNames.EndpointsDescription);
        _meter.CreateObservableUpDownCounter(MetricNames.ShadowEndpoints, () => _catalog.Shadow, MetricNames.ShadowEndpointsUnit, MetricNames.ShadowEndpointsDescription);
    }

    /// <summary>
    /// Exports the counters the store and the catalog owner keep themselves (gaps refused, findings written and pruned,
    /// writer reopens) and the stale publishes this class skipped. Called once, when recovery has made the owner; a
    /// second call is ignored (an observable instrument is registered once per meter).
    /// </summary>
    public void Observe(ApiSentinel.Collector.Storage.CollectorStore store, ApiSentinel.Collector.Catalog.CatalogOwner owner)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(owner);
        if (Interlocked.Exchange(ref _observing, 1) != 0)
        {
            return;
        }
        _meter.CreateObservableCounter(MetricNames.GapBatches, () => owner.GapBatches, MetricNames.GapBatchesUnit, MetricNames.GapBatchesDescription);
        _meter.CreateObservableCounter(MetricNames.FindingsWritten, () => store.FindingsWritten, MetricNames.FindingsWrittenUnit, MetricNames.FindingsWrittenDescription);
        _meter.CreateObservableCounter(MetricNames.FindingsPruned, () => store.FindingsPruned, MetricNames.FindingsPrunedUnit, MetricNames.FindingsPrunedDescription);
        _meter.CreateObservableCounter(MetricNames.StoreWriterReopens, () => store.WriterReopens, MetricNames.StoreWriterReopensUnit, MetricNames.StoreWriterReopensDescription);
        _meter.CreateObservableCounter(MetricNames.StalePublishes, () => StalePublishes, MetricNames.StalePublishesUnit, MetricNames.StalePublishesDescription);
        _meter.CreateObservableCounter(MetricNames.SpecsDroppedOnImport, () => SpecsDroppedOnImport, MetricNames.SpecsDroppedOnImportUnit, MetricNames.SpecsDroppedOnImportDescription);
    }

    /// <summary>
    /// Exports the Kubernetes sink's counters and the shared write limiter's waits. Called once when the sink is
    /// enabled; a second call is ignored.
    /// </summary>
    public void ObserveKubernetes(KubernetesSinkCounters counters, WriteRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(limiter);
        if (Interlocked.Exchange(ref _observingKubernetes, 1) != 0)
        {
            return;
        }
        _meter.CreateObservableCounter(MetricNames.KubeApplies, () => counters.Applies, MetricNames.KubeAppliesUnit, MetricNames.KubeAppliesDescription);
        _meter.CreateObservableCounter(MetricNames.KubeStatusWrites, () => counters.StatusWrites, MetricNames.KubeStatusWritesUnit, MetricNames.KubeStatusWritesDescription);
        _meter.CreateObservableCounter(MetricNames.KubeDeletes, () => counters.Deletes, MetricNames.KubeDeletesUnit, MetricNames.KubeDeletesDescription);
        _meter.CreateObservableCounter(MetricNames.KubeFailures, () => counters.Failures.Select(f =>
                new Measurement<long>(f.Value, new KeyValuePair<string, object?>(MetricAttributes.Reason, f.Key))),
            MetricNames.KubeFailuresUnit, MetricNames.KubeFailuresDescription);
        _meter.CreateObservableCounter(MetricNames.KubeRetries, () => counters.Retries, MetricNames.KubeRetriesUnit, MetricNames.KubeRetriesDescription);
        _meter.CreateObservableCounter(MetricNames.KubeBackoffs, () => counters.Backoffs, MetricNames.KubeBackoffsUnit, MetricNames.KubeBackoffsDescription);
        _meter.CreateObservableCounter(MetricNames.KubeRateLimitWaits, () => limiter.Waits, MetricNames.KubeRateLimitWaitsUnit, MetricNames.KubeRateLimitWaitsDescription);
        _meter.CreateObservableCounter(MetricNames.KubeFlushesCut, () => counters.FlushesCut, MetricNames.KubeFlushesCutUnit, MetricNames.KubeFlushesCutDescription);
        _meter.CreateObservableCounter(MetricNames.KubeTruncations, () => counters.Truncations, MetricNames.KubeTruncationsUnit, MetricNames.KubeTruncationsDescription);
        _meter.CreateObservableCounter(MetricNames.KubeEvents, () => new[]
            {
                Outcome(counters.EventsCreated, KubernetesEventOutcomes.Created),
                Outcome(counters.EventsUpdated, KubernetesEventOutcomes.Updated),
                Outcome(counters.EventsSuppressed, KubernetesEventOutcomes.Suppressed),
                Outcome(counters.EventsFailed, KubernetesEventOutcomes.Failed),
            },
            MetricNames.KubeEventsUnit, MetricNames.KubeEventsDescription);

        _meter.CreateObservableGauge(MetricNames.KubeOrphansKept, () => counters.OrphansKept, MetricNames.KubeOrphansKeptUnit, MetricNames.KubeOrphansKeptDescription);
    }

    /// <summary>
    /// Exports the Kubernetes watches' counters (by watched kind) and the ApiSpec controller's. Called once with the
    /// sink; a second call is ignored.
    /// </summary>
    public void ObserveKubernetesWatches(IReadOnlyList<KeyValuePair<string, ResourceWatcherCounters>> watches, ApiSpecControllerCounters specs)
    {
        ArgumentNullException.ThrowIfNull(watches);
        ArgumentNullException.ThrowIfNull(specs);
        if (Interlocked.Exchange(ref _observingWatches, 1) != 0)
        {
            return;
        }
        Watch(MetricNames.KubeWatchLists, c => c.Lists, MetricNames.KubeWatchListsUnit, MetricNames.KubeWatchListsDescription);
        Watch(MetricNames.KubeWatchRelists, c => c.Relists, MetricNames.KubeWatchRelistsUnit, MetricNames.KubeWatchRelistsDescription);
        Watch(MetricNames.KubeWatchEvents, c => c.Events, MetricNames.KubeWatchEventsUnit, MetricNames.KubeWatchEventsDescription);
        Watch(MetricNames.KubeWatchBookmarks, c => c.Bookmarks, MetricNames.KubeWatchBookmarksUnit, MetricNames.KubeWatchBookmarksDescription);
        Watch(MetricNames.KubeWatchErrors, c => c.Errors, MetricNames.KubeWatchErrorsUnit, MetricNames.KubeWatchErrorsDescription);
        Watch(MetricNames.KubeWatchHandlerFailures, c => c.HandlerFailures, MetricNames.KubeWatchHandlerFailuresUnit, MetricNames.KubeWatchHandlerFailuresDescription);
        _meter.CreateObservableCounter(MetricNames.KubeSpecReconciles, () => specs.Reconciles, MetricNames.KubeSpecReconcilesUnit, MetricNames.KubeSpecReconcilesDescription);
        _meter.CreateObservableCounter(MetricNames.KubeSpecDocuments, () => new[]
            {
                Outcome(specs.Parsed, KubernetesEventOutcomes.Parsed),
                Outcome(specs.Invalid, KubernetesEventOutcomes.Invalid),
                Outcome(specs.Removed, KubernetesEventOutcomes.Removed),
            },
            MetricNames.KubeSpecDocumentsUnit, MetricNames.KubeSpecDocumentsDescription);
        _meter.CreateObservableCounter(MetricNames.KubeSpecStatusWrites, () => new[]
            {
                Outcome(specs.StatusWrites, KubernetesEventOutcomes.Written),
                Outcome(specs.StatusWritesDeferred, KubernetesEventOutcomes.Deferred),
                Outcome(specs.StatusWriteFailures, KubernetesEventOutcomes.Failed),
            },
            MetricNames.KubeSpecStatusWritesUnit, MetricNames.KubeSpecStatusWritesDescription);
        _meter.CreateObservableCounter(MetricNames.KubeSpecEvents, () => new[]
            {
                Outcome(specs.Events, KubernetesEventOutcomes.Created),
                Outcome(specs.EventsSuppressed, KubernetesEventOutcomes.Suppressed),
                Outcome(specs.EventFailures, KubernetesEventOutcomes.Failed),
            },
            MetricNames.KubeSpecEventsUnit, MetricNames.KubeSpecEventsDescription);
        _meter.CreateObservableCounter(MetricNames.KubeSpecFailures, () => specs.Failures, MetricNames.KubeSpecFailuresUnit, MetricNames.KubeSpecFailuresDescription);

        void Watch(string name, Func<ResourceWatcherCounters, long> value, string unit, string description) =>
            _meter.CreateObservableCounter(name, () => watches.Select(w =>
                    new Measurement<long>(value(w.Value), new KeyValuePair<string, object?>(MetricAttributes.Resource, w.Key))),
                unit, description);
    }

    private static Measurement<long> Outcome(long value, string outcome) =>
        new(value, new KeyValuePair<string, object?>(MetricAttributes.Outcome, outcome));

    /// <summary>Run-time specs the restored state held that were left out on import.</summary>
    public long SpecsDroppedOnImport => Interlocked.Read(ref _specsDroppedOnImport);

    public void SpecsDropped(int count) => Interlocked.Add(ref _specsDroppedOnImport, count);

    /// <summary>The meter the instruments belong to (for an exporter to select by reference, not only by name).</summary>
    public Meter Meter => _meter;

    /// <summary>The Prometheus text of this meter's instruments (what /metrics serves).</summary>
    internal PrometheusExposition Scrape { get; }

    /// <summary>Sensor ids folded into <see cref="SensorIdLabels.Other"/> past the attribute bound.</summary>
    public long SensorIdsFolded => _sensorIds.Folded;

    public void CallsIngested(string sensorId, int calls)
    {
        if (calls > 0)
        {
            _callsIngested.Add(calls, new KeyValuePair<string, object?>(MetricAttributes.SensorId, _sensorIds.For(sensorId)));
        }
    }

    public void BatchDuplicate(string sensorId) =>
        _batchesDuplicate.Add(1, new KeyValuePair<string, object?>(MetricAttributes.SensorId, _sensorIds.For(sensorId)));

    /// <summary>An ingest stream refused; <paramref name="reason"/> is a <see cref="RefusalReasons"/> value.</summary>
    public void StreamRefused(string reason) =>
        _streamsRefused.Add(1, new KeyValuePair<string, object?>(MetricAttributes.Reason, RefusalReasons.Normalize(reason)));

    /// <summary>Calls dropped; <paramref name="reason"/> is a <see cref="DropReasons"/> value.</summary>
    public void Dropped(string reason, long count)
    {
        if (count > 0)
        {
            _callsDropped.Add(count, new KeyValuePair<string, object?>(MetricAttributes.Reason, DropReasons.Normalize(reason)));
        }
    }

    /// <summary>A sensor's stream opened. A sensor reconnecting before its old stream is noticed gone counts once.</summary>
    public void SensorConnected(string sensorId)
    {
        lock (_connected)
        {
            _connected[sensorId] = _connected.GetValueOrDefault(sensorId) + 1;
        }
    }

    public void SensorDisconnected(string sensorId)
    {
        lock (_connected)
        {
            if (_connected.TryGetValue(sensorId, out var streams))
            {
                if (streams <= 1)
                {
                    _connected.Remove(sensorId);
                }
                else
                {
                    _connected[sensorId] = streams - 1;
                }
            }
        }
    }

    /// <summary>Receive time minus the call's timestamp. A negative lag (the sensor's clock ahead of ours) counts as 0.</summary>
    public void IngestLag(TimeSpan lag) => _ingestLag.Record(Math.Max(0, lag.TotalSeconds));

    /// <summary>The lag of a call stamped <paramref name="timestampMicros"/> (µs since the Unix epoch), received now by this collector's clock.</summary>
    public void IngestLagOf(long timestampMicros) =>
        IngestLag(TimeSpan.FromMicroseconds(_time.GetUtcNow().ToUnixTimeMilliseconds() * 1000.0 - timestampMicros));

    /// <summary>
    /// A snapshot was published: the endpoint gauges now read it, and each finding new or changed since the previous
    /// snapshot is logged once (<see cref="FindingEvents"/>). The build and checkpoint timers both publish, from two
    /// threads: a snapshot whose <see cref="CatalogSnapshot.Generation"/> is not newer than the last one taken is
    /// ignored (<see cref="StalePublishes"/>), so the gauges never go back and a finding is never logged twice.
    /// </summary>
    public void Published(CatalogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_publish)
        {
            if (snapshot.Generation <= _publishedGeneration)
            {
                _stalePublishes++;
                return;
            }

            _publishedGeneration = snapshot.Generation;
            var byLevel = new long[Levels.Length];
            long shadow = 0;
            foreach (var endpoint in snapshot.Endpoints)
            {
                var level = Array.IndexOf(Levels, endpoint.Risk.Level);
                byLevel[level < 0 ? 0 : level]++;
                shadow += endpoint.IsShadow ? 1 : 0;
            }

            _catalog = new CatalogCounts(byLevel, shadow);

            var (opened, updated) = _findings.Publish(snapshot.Findings);
            if (opened > 0)
            {
                _findingsLogged.Add(opened, new KeyValuePair<string, object?>(MetricAttributes.Event, FindingEvents.Opened));
            }

            if (updated > 0)
            {
                _findingsLogged.Add(updated, new KeyValuePair<string, object?>(MetricAttributes.Event, FindingEvents.Updated));
            }
        }
    }

    /// <summary>Snapshots given to <see cref="Published"/> after a newer one, and ignored.</summary>
    public long StalePublishes
    {
        get
        {
            lock (_publish)
            {
                return _stalePublishes;
            }
        }
    }

    public void Dispose()
    {
        Scrape.Dispose();
        _meter.Dispose();
    }

    private long ObserveConnected()
    {
        lock (_connected)
        {
            return _connected.Count;
        }
    }

    private IEnumerable<Measurement<long>> ObserveEndpoints()
    {
        var catalog = _catalog;
        for (var i = 0; i < Levels.Length; i++)
        {
            yield return new Measurement<long>(catalog.ByLevel[i], new KeyValuePair<string, object?>(MetricAttributes.RiskLevel, Levels[i]));
        }
    }

    /// <summary>The endpoint counts of the last published snapshot, swapped whole so a reader never sees half of one.</summary>
    private sealed record CatalogCounts(long[] ByLevel, long Shadow)
    {
        public static readonly CatalogCounts Empty = new(new long[Levels.Length], 0);
    }
}
