using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Catalog;
using ApiSentinel.Collector.Kubernetes.Events;
using ApiSentinel.Collector.Kubernetes.Namespaces;
using ApiSentinel.Collector.Kubernetes.Writes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Collector.Kubernetes.Endpoints;

/// <summary>
/// Keeps one <c>ApiEndpoint</c> resource per catalogued endpoint. Waits for the catalog (<see cref="ICatalogSource"/>)
/// and the namespace watches, lists the resources it manages as "last written" (<see cref="EndpointLedger.Restore"/>),
/// then every flush interval takes the owner's latest snapshot and writes only what changed (the ledger decides),
/// every request through the shared <see cref="WriteRateLimiter"/>, until the interval's end.
/// </summary>
/// <remarks>
/// A failure never touches the catalog: the entry stays due and is retried after its own backoff, or — when the
/// failure says the server as a whole is unwell (429, 5xx, timeout, no connection) — the whole sink pauses, backing
/// off exponentially with jitter up to the cap (a Retry-After as the floor), so a gone server is not hot-looped.
/// </remarks>
public sealed partial class ApiEndpointSink : BackgroundService
{
    private readonly ICatalogSource _catalog;
    private readonly IApiEndpointWriter _writer;
    private readonly EndpointProjector _projector;
    private readonly ServerNamespaceResolver _resolver;
    private readonly WriteRateLimiter _limiter;
    private readonly KubernetesSinkCounters _counters;
    private readonly EndpointEventRecorder? _events;
    private readonly TimeSpan _flushInterval;
    private readonly TimeProvider _time;
    private readonly RetryBackoff _backoff;
    private readonly ILogger<ApiEndpointSink> _log;
    private readonly EndpointLedger _ledger;
    private readonly TaskCompletionSource _restored = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private int _serverFailures;
    private DateTimeOffset _nextForbiddenLog = DateTimeOffset.MinValue;

    /// <summary>How often a refusal (401/403) is logged while it lasts: the counters have every one.</summary>
    internal static readonly TimeSpan ForbiddenLogInterval = TimeSpan.FromMinutes(5);

    public ApiEndpointSink(
        ICatalogSource catalog,
        IApiEndpointWriter writer,
        EndpointProjector projector,
        ServerNamespaceResolver resolver,
        WriteRateLimiter limiter,
        KubernetesSinkCounters counters,
        EndpointEventRecorder? events,
        TimeSpan flushInterval,
        TimeProvider time,
        ILogger<ApiEndpointSink> log,
        RetryBackoff? backoff = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(projector);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        _catalog = catalog;
        _writer = writer;
        _projector = projector;
        _resolver = resolver;
        _limiter = limiter;
        _counters = counters;
        _events = events;
        _flushInterval = flushInterval;
        _time = time;
        _log = log;
        _backoff = backoff ?? RetryBackoff.Default();
        _ledger = new EndpointLedger(flushInterval, projector.DeleteAfter);
    }

    /// <summary>Completes once the managed resources were listed (the ledger seeded); flushes start after it.</summary>
    public Task Restored => _restored.Task;

    /// <summary>Writes still due (for tests and the doc's "eventually": it drains to 0 when the server keeps up).</summary>
    public int Pending => _ledger.PendingCount;

    /// <summary>Resources on the server by the sink's knowledge.</summary>
    public int Resources => _ledger.WrittenCount;

    /// <summary>When the sink, backing off as a whole, tries again (MinValue when it is not paused).</summary>
    public DateTimeOffset PausedUntil => _pausedUntil;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CatalogOwner owner;
        try
        {
            owner = await _catalog.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
            await _resolver.Synced.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // the catalog failed to restore: the collector reports that itself; this sink has nothing to write
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogNoCatalog(_log, e.Message);
            return;
        }
        try
        {
            while (!await RestoreAsync(stoppingToken).ConfigureAwait(false))
            {
                await DelayUntil(_pausedUntil, stoppingToken).ConfigureAwait(false);
            }
            while (true)
            {
                var started = _time.GetUtcNow();
                await FlushAsync(owner.Latest, stoppingToken).ConfigureAwait(false);
                var next = started + _flushInterval;
                await DelayUntil(_pausedUntil > next ? _pausedUntil : next, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a defect here must stop this sink only, said once, never the collector with it
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogStopped(_log, e.GetType().Name, e.Message.ReplaceLineEndings(" "));
        }
    }

    /// <summary>
    /// Lists the managed resources into the ledger. False (and the sink paused) when the list failed: nothing can be
    /// written before it, since without it every unchanged resource would be rewritten.
    /// </summary>
    internal async Task<bool> RestoreAsync(CancellationToken cancellationToken)
    {
        if (_restored.Task.IsCompleted)
        {
            return true;
        }
        try
        {
            var listed = await _writer.ListManagedAsync(cancellationToken).ConfigureAwait(false);
            _ledger.Restore(listed);
            _serverFailures = 0;
            _pausedUntil = DateTimeOffset.MinValue;
            _restored.TrySetResult();
            LogRestored(_log, listed.Count);
            return true;
        }
        catch (Exception e) when (WriteFailure.Of(e, cancellationToken) is { } failure)
        {
            _counters.Failed(failure.Reason);
            Pause(failure);
            return false;
        }
    }

    /// <summary>
    /// One flush: reconcile the ledger with <paramref name="snapshot"/>, then make the due writes in order until the
    /// flush interval has passed or the server says stop. Returns the requests made.
    /// </summary>
    internal async Task<int> FlushAsync(CatalogSnapshot? snapshot, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        // No snapshot yet (no build since start) says nothing about what should exist: reconciling with "nothing"
        // would delete every resource listed.
        if (snapshot is null || !_restored.Task.IsCompleted || started < _pausedUntil)
        {
            return 0;
        }
        _ledger.Reconcile(_projector.Wanted(snapshot, started, _ledger.NamespacesByName()),
            EndpointProjector.TrafficNow(snapshot, started));
        _counters.OrphansKeptNow(_ledger.OrphansKept);
        var deadline = started + _flushInterval;
        var requests = 0;
        foreach (var change in _ledger.Due(started))
        {
            if (_time.GetUtcNow() >= deadline)
            {
                _counters.FlushCut();
                break;
            }
            if (change.Failures > 0)
            {
                _counters.Retried();
            }
            var stage = change.NeedsObject || change.Kind == ChangeKind.Delete ? Stage.Object : Stage.Status;
            try
            {
                if (change.Kind == ChangeKind.Delete)
                {
                    requests++;
                    await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
                    await _writer.DeleteAsync(change.Key, cancellationToken).ConfigureAwait(false);
                    _ledger.Deleted(change.Key);
                    _events?.Forget(change.Key.Namespace, change.Key.Name);
                    _counters.Deleted();
                    LogDeleted(_log, change.Key.ToString());
                }
                else
                {
                    var resource = change.Resource!;
                    if (change.NeedsObject)
                    {
                        requests++;
                        await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
                        var uid = await _writer.ApplyAsync(resource, cancellationToken).ConfigureAwait(false);
                        _ledger.ObjectWritten(change);
                        _counters.Applied();
                        if (_events is not null)
                        {
                            await _events.EndpointWrittenAsync(resource, uid, change.PreviousLabels, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    if (change.NeedsStatus)
                    {
                        stage = Stage.Status;
                        requests++;
                        await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
                        var statusUid = await _writer.ApplyStatusAsync(resource, cancellationToken).ConfigureAwait(false);
                        _ledger.StatusWritten(change, _time.GetUtcNow());
                        _counters.StatusWritten();
                        _counters.Truncated(resource.Status?.Truncated?.Items ?? 0);
                        if (_events is not null)
                        {
                            await _events.StatusWrittenAsync(resource, statusUid, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
                _serverFailures = 0;
            }
            catch (Exception e) when (WriteFailure.Of(e, cancellationToken) is { } failure)
            {
                _counters.Failed(failure.Reason);
                if (failure.ServerWide)
                {
                    Pause(failure);
                    _ledger.Failed(change, _pausedUntil);
                    break;
                }
                var statusMissing = failure.Reason == WriteFailureReasons.NotFound && stage == Stage.Status;
                if (statusMissing && !change.NeedsObject && !change.StatusMissing)
                {
                    // The object went away under us (deleted by hand): forget it, and the next flush creates it again.
                    _ledger.Deleted(change.Key);
                    continue;
                }
                // A 404 on the status right after the object's apply (or again on its retry) is not a deleted object:
                // the status subresource is missing (a CRD without it). Forgetting would re-apply and re-fire the
                // Events every flush; it is a failure of this entry, backing off like any other.
                var delay = _backoff.Delay(change.Failures + 1, failure.RetryAfter);
                _ledger.Failed(change, _time.GetUtcNow() + delay, statusMissing);
                LogEntryFailed(_log, change.Key.ToString(), failure.Reason, failure.Status ?? 0);
            }
        }
        return requests;
    }

    private void Pause(WriteFailure failure)
    {
        _serverFailures++;
        var delay = _backoff.Delay(_serverFailures, failure.RetryAfter);
        _pausedUntil = _time.GetUtcNow() + delay;
        _counters.BackedOff();
        if (failure.Reason != WriteFailureReasons.Forbidden)
        {
            LogPaused(_log, failure.Reason, failure.Status ?? 0, delay.TotalSeconds);
        }
        else if (_time.GetUtcNow() >= _nextForbiddenLog)
        {
            // Refused credentials do not heal by themselves: say so, but not at every pause.
            _nextForbiddenLog = _time.GetUtcNow() + ForbiddenLogInterval;
            LogForbidden(_log, failure.Status ?? 0, ForbiddenLogInterval.TotalMinutes);
        }
    }

    private async Task DelayUntil(DateTimeOffset when, CancellationToken cancellationToken)
    {
        var wait = when - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private enum Stage
    {
        Object,
        Status,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "kubernetes sink: no catalog to write ({Error})")]
    private static partial void LogNoCatalog(ILogger log, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "kubernetes sink stopped: {Type}: {Error}")]
    private static partial void LogStopped(ILogger log, string type, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "kubernetes sink: {Count} managed ApiEndpoint resources listed")]
    private static partial void LogRestored(ILogger log, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "kubernetes sink: deleted ApiEndpoint {Resource}")]
    private static partial void LogDeleted(ILogger log, string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "kubernetes sink: write of {Resource} failed ({Reason}, HTTP {Status}); retried later")]
    private static partial void LogEntryFailed(ILogger log, string resource, string reason, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "kubernetes sink: the API server refuses the collector's credentials (HTTP {Status}): check its service account's RBAC for apiendpoints; writing pauses and retries (this line at most every {Minutes} min)")]
    private static partial void LogForbidden(ILogger log, int status, double minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "kubernetes sink: API server unavailable ({Reason}, HTTP {Status}); pausing {Seconds:0.0} s")]
    private static partial void LogPaused(ILogger log, string reason, int status, double seconds);
}
