using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Service.Configuration;
using ApiSentinel.Collector.Service.Ingest;
using ApiSentinel.Collector.Service.Telemetry;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Storage;

namespace ApiSentinel.Collector.Service.State;

/// <summary>
/// The catalog's life in the service. At start: the store's recovery → the checkpointed catalog state imported (or a
/// fresh catalog) → the stream positions restored → every journal entry after them replayed into the owner with its
/// position → a first build → ready. Then a build every <see cref="CollectorOptions.BuildInterval"/> (the snapshot
/// the API serves) and a checkpoint every <see cref="CollectorOptions.CheckpointInterval"/>, each skipped while the
/// owner applied no change and builds spaced out under load (<see cref="BuildPacing"/>), and a last checkpoint
/// at graceful shutdown. A checkpoint the store fails to write is handed back to the owner (its usage is kept for the
/// next) and logged; nothing acknowledged is lost by it, the journal still holds the batches.
/// </summary>
public sealed partial class CatalogLifecycle(
    CatalogState state,
    CollectorOptions options,
    CatalogOptions catalogOptions,
    SpecIndex? specs,
    BatchCodec codec,
    CollectorTelemetry telemetry,
    TimeProvider time,
    FatalError fatal,
    PendingRenames renames,
    IHostApplicationLifetime lifetime,
    ILogger<CatalogLifecycle> log,
    ApiSentinel.Collector.Kubernetes.Specs.ApiSpecWatchOptions? specWatch = null) : BackgroundService
{
    /// <summary>
    /// The final checkpoint's own deadline: the host's stop token may already be spent (its 30 s went to Kestrel
    /// draining streams), yet a checkpoint of a large catalog takes well under a second; past this the journal still
    /// holds every batch and the next start replays them.
    /// </summary>
    private static readonly TimeSpan FinalCheckpointTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Under load a build may be postponed (<see cref="BuildPacing"/>), never past this many build intervals.</summary>
    private const int LongestBuildIntervals = 4;

    /// <summary>An idle collector still builds and checkpoints this often (findings of silent sources close, renames
    /// and retention reach the store).</summary>
    private static readonly TimeSpan IdleRefresh = TimeSpan.FromSeconds(30);

    private long _rejectedReported;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CatalogOwner owner;
        try
        {
            owner = await RecoverAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // any failure to restore is fatal, reported as one line, never a stack trace
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = $"cannot restore the state in {options.StateDir}: {e.Message.ReplaceLineEndings(" ")}";
            fatal.Set(message);
            LogFatal(log, message);
            state.RecoveryFailed(e);
            lifetime.StopApplication();
            return;
        }
        try
        {
            await Task.WhenAll(BuildLoopAsync(owner, stoppingToken), CheckpointLoopAsync(owner, stoppingToken)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the owner faulted (a bug): stop with one line and exit code 1 rather than serve a frozen catalog
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = $"the catalog stopped: {e.Message.ReplaceLineEndings(" ")}";
            fatal.Set(message);
            LogFatal(log, message);
            lifetime.StopApplication();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (state.Owner is not { } owner)
        {
            return;
        }
        using var deadline = new CancellationTokenSource(FinalCheckpointTimeout, time);
        try
        {
            if (await CheckpointAsync(owner, deadline.Token).ConfigureAwait(false))
            {
                LogFinalCheckpoint(log);
            }
        }
        catch (OperationCanceledException)
        {
            LogFinalCheckpointFailed(log, $"not done within {FinalCheckpointTimeout.TotalSeconds:0} s");
        }
#pragma warning disable CA1031 // the owner faulted: the journal still holds every batch; one line, a clean exit
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFinalCheckpointFailed(log, e.Message.ReplaceLineEndings(" "));
        }
    }

    private async Task<CatalogOwner> RecoverAsync(CancellationToken cancellationToken)
    {
        var recovery = state.Store.Recover();
        ApiCatalog catalog;
        if (recovery.CatalogState is { } bytes)
        {
            using var input = new MemoryStream(bytes, writable: false);
            // The controller's budget, so a run-time spec restored here is held to the same limits as when it was applied.
            catalog = ApiCatalog.ImportState(input, catalogOptions, specs, specWatch?.Budget);
            foreach (var dropped in catalog.SpecsDroppedOnImport)
            {
                LogSpecDropped(log, dropped.Id, dropped.SourceName, dropped.Reason.ReplaceLineEndings(" "));
            }
            telemetry.SpecsDropped(catalog.SpecsDroppedOnImport.Count);
        }
        else
        {
            catalog = new ApiCatalog(catalogOptions, specs);
        }
        // The positions are those of the checkpoint's state; replayed entries at or below them are skipped by the owner.
        // Its queue's items are whole batches: bounded in batches (IngestQueueBatches), not the owner's default 8192 items.
        var owner = new CatalogOwner(catalog, recovery.Positions, options.IngestQueueBatches);
        telemetry.Observe(state.Store, owner);
        long calls = 0;
        foreach (var entry in recovery.Pending)
        {
            var batch = codec.Calls(BatchCodec.Decode(entry.Batch), entry.Stream.SensorId);
            await owner.IngestAsync(batch, entry.Stream, entry.Sequence, cancellationToken).ConfigureAwait(false);
            calls += batch.Count;
        }
        var snapshot = await owner.BuildAsync(cancellationToken).ConfigureAwait(false);
        telemetry.Published(snapshot);
        LogRecovered(log, recovery.CatalogState is not null, recovery.Pending.Count, calls, snapshot.Endpoints.Count);
        state.Recovered(owner);
        return owner;
    }

    private async Task BuildLoopAsync(CatalogOwner owner, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.BuildInterval, time);
        // Skipped while nothing changed (but for an idle refresh: builds close silent sources' findings); under load
        // spaced to 5× its duration, yet at most LongestBuildIntervals ticks apart.
        var pacing = new BuildPacing(time, options.BuildInterval * LongestBuildIntervals, IdleRefresh);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var changes = owner.Changes;
                if (!pacing.Due(changes))
                {
                    continue;
                }
                pacing.Started();
                var snapshot = await owner.BuildAsync(stoppingToken).ConfigureAwait(false);
                pacing.Completed(changes);
                renames.Built(snapshot.Renames);
                telemetry.Published(snapshot);
                ReportRejected(owner);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckpointLoopAsync(CatalogOwner owner, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckpointInterval, time);
        // Skipped while nothing changed (it would write the same state) but for an idle refresh (a build's renames, and
        // retention pruning); never spaced by its cost, so a failed one is retried at the next tick.
        var pacing = new BuildPacing(time, options.CheckpointInterval, IdleRefresh, costFactor: 0);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var changes = owner.Changes;
                if (!pacing.Due(changes))
                {
                    continue;
                }
                pacing.Started();
                if (await CheckpointAsync(owner, stoppingToken).ConfigureAwait(false))
                {
                    pacing.Completed(changes);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// One checkpoint: the owner's (a build, the state, positions, usage) into the store in one transaction. False when
    /// the store failed it: logged, and its usage handed back to the owner for the next.
    /// </summary>
    public async Task<bool> CheckpointAsync(CatalogOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var checkpoint = await owner.CheckpointAsync(cancellationToken).ConfigureAwait(false);
        renames.Built(checkpoint.Snapshot.Renames);
        telemetry.Published(checkpoint.Snapshot);
        try
        {
            await state.Store.CheckpointAsync(checkpoint, CancellationToken.None).ConfigureAwait(false);
            renames.Stored(checkpoint.Renames);
            return true;
        }
#pragma warning disable CA1031 // a failed checkpoint is retried at the next interval; the journal still holds every batch
        catch (Exception e)
#pragma warning restore CA1031
        {
            await owner.CheckpointFailedAsync(checkpoint, CancellationToken.None).ConfigureAwait(false);
            LogCheckpointFailed(log, e.Message.ReplaceLineEndings(" "));
            return false;
        }
    }

    private void ReportRejected(CatalogOwner owner)
    {
        var rejected = owner.RejectedCalls;
        if (rejected > _rejectedReported)
        {
            telemetry.Dropped(DropReasons.RejectedCall, rejected - _rejectedReported);
            _rejectedReported = rejected;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "state restored (checkpoint: {FromCheckpoint}); replayed {Batches} journal batches, {Calls} calls; {Endpoints} endpoints")]
    private static partial void LogRecovered(ILogger log, bool fromCheckpoint, int batches, long calls, int endpoints);

    [LoggerMessage(Level = LogLevel.Warning, Message = "restored run-time spec {Id} ({Source}) left out: {Reason}")]
    private static partial void LogSpecDropped(ILogger log, string id, string source, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "checkpoint failed, retried at the next interval: {Reason}")]
    private static partial void LogCheckpointFailed(ILogger log, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "final checkpoint written")]
    private static partial void LogFinalCheckpoint(ILogger log);

    [LoggerMessage(Level = LogLevel.Error, Message = "final checkpoint failed, the journal is replayed at the next start: {Reason}")]
    private static partial void LogFinalCheckpointFailed(ILogger log, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogFatal(ILogger log, string message);
}
