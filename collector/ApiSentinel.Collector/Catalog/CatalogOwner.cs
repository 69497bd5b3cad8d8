using System.Threading.Channels;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The one owner of an <see cref="ApiCatalog"/> in a service: a bounded queue of calls and commands (ingest, set or
/// remove a spec, build) drained by one task, which alone touches the catalog. Writers from any thread wait when the
/// queue is full (back-pressure to the ingest streams, never unbounded memory); each build's snapshot is published
/// through <see cref="Latest"/>, a reference any thread reads without a lock.
/// </summary>
/// <remarks>
/// Order is the queue's: a command sees every call queued before it. A call the catalog rejects (it throws) is
/// counted in <see cref="RejectedCalls"/> and the owner goes on; a command that throws faults its own task only.
/// </remarks>
public sealed class CatalogOwner : IAsyncDisposable
{
    /// <summary>Queued items by default: a few sensor batches' worth.</summary>
    public const int DefaultCapacity = 8192;

    private readonly ApiCatalog _catalog;
    private readonly Channel<Work> _queue;
    private readonly Task _drain;
    private readonly RenamesSinceCheckpoint _renames = new();
    private volatile CatalogSnapshot? _latest;
    private long _rejectedCalls;
    private long _replayedBatches;
    private long _gapBatches;
    private long _changes;

    public CatalogOwner(ApiCatalog catalog, int capacity = DefaultCapacity)
        : this(catalog, new Dictionary<StreamKey, long>(), capacity)
    {
    }

    /// <summary>
    /// An owner whose streams start at <paramref name="positions"/> (a store's checkpoint): a batch at or before its
    /// stream's position is not ingested again. Positions already in the catalog's state are kept when higher.
    /// </summary>
    public CatalogOwner(ApiCatalog catalog, IReadOnlyDictionary<StreamKey, long> positions, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _catalog = catalog;
        foreach (var (stream, sequence) in positions)
        {
            catalog.RaisePosition(stream, sequence);
        }
        _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _drain = Task.Run(DrainAsync);
    }

    /// <summary>The snapshot of the latest build, or null before the first; immutable, safe to read from any thread.</summary>
    public CatalogSnapshot? Latest => _latest;

    /// <summary>Calls the catalog rejected (it threw on them); they are dropped, the owner goes on.</summary>
    public long RejectedCalls => Interlocked.Read(ref _rejectedCalls);

    /// <summary>
    /// Batches given with a sequence at or before their stream's position, not ingested: a replay of what the catalog
    /// already holds (a journal entry the checkpoint covered, a batch resent after a reconnect).
    /// </summary>
    public long ReplayedBatches => Interlocked.Read(ref _replayedBatches);

    /// <summary>
    /// Batches refused because their sequence is past their stream's position + 1: the batches in between were never
    /// ingested, and a position past them would let a checkpoint drop them from the journal. Not ingested; the
    /// position stays, so the missing batches (a replay of the journal) can still come in.
    /// </summary>
    public long GapBatches => Interlocked.Read(ref _gapBatches);

    /// <summary>
    /// Grows after every change the owner applied (calls ingested, a spec set or removed, positions raised, a failed
    /// checkpoint's usage handed back); read it before a build or checkpoint: when it has not grown by the next one,
    /// that one would carry nothing new and can be skipped (the service's pacing, bench/RESULTS.md §6).
    /// </summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Completes when the owner has stopped (after <see cref="DisposeAsync"/>, or when it faulted).</summary>
    public Task Completion => _drain;

    public ValueTask IngestAsync(ApiCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _queue.Writer.WriteAsync(new Work(call, null, null), cancellationToken);
    }

    /// <summary>
    /// A batch as one queue item (one sensor batch): less queue traffic than a call at a time. The list is copied: an
    /// ingest stream may reuse its batch buffer as soon as this returns, before the owner drains it.
    /// </summary>
    public ValueTask IngestAsync(IReadOnlyList<ApiCall> calls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ApiCall[] batch = [.. calls];
        return _queue.Writer.WriteAsync(new Work(null, batch, null), cancellationToken);
    }

    /// <summary>
    /// A sensor batch with its place in its stream: ingested only when <paramref name="sequence"/> is the stream's first
    /// or its position + 1, which it then becomes (at or before the position: <see cref="ReplayedBatches"/>; further
    /// on: <see cref="GapBatches"/>) (the positions travel in every <see cref="CatalogCheckpoint"/>). Copied like
    /// <see cref="IngestAsync(IReadOnlyList{ApiCall}, CancellationToken)"/>.
    /// </summary>
    public ValueTask IngestAsync(IReadOnlyList<ApiCall> calls, StreamKey stream, long sequence, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(stream.SensorId);
        ArgumentNullException.ThrowIfNull(stream.InstanceId);
        ApiCall[] batch = [.. calls];
        return _queue.Writer.WriteAsync(new Work(null, batch, null) { Stream = stream, Sequence = sequence }, ct);
    }

    /// <summary>Raises the positions of the streams given (a store's recovered positions); lower ones are ignored.</summary>
    public Task RestorePositionsAsync(IReadOnlyDictionary<StreamKey, long> positions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var copy = positions.ToArray();
        return Submit<bool>(catalog =>
        {
            foreach (var (stream, sequence) in copy)
            {
                catalog.RaisePosition(stream, sequence);
            }
            Interlocked.Increment(ref _changes);
            return true;
        }, ct);
    }

    /// <summary>
    /// Builds after every call queued so far (publishing the snapshot in <see cref="Latest"/>), then drains the pending
    /// hourly usage and exports the state, all on the owner's task, so the parts of the checkpoint agree. The caller
    /// stores it, or hands it back with <see cref="CheckpointFailedAsync"/>.
    /// </summary>
    public Task<CatalogCheckpoint> CheckpointAsync(CancellationToken ct = default) =>
        Submit(catalog =>
        {
            var snapshot = Publish(catalog.Build());
            var usage = catalog.DrainUsage();
            using var state = new MemoryStream();
            catalog.ExportState(state);
            return new CatalogCheckpoint(snapshot, state.ToArray(), new Dictionary<StreamKey, long>(catalog.Positions), usage, _renames.Take());
        }, ct);

    /// <summary>
    /// The store could not write <paramref name="failed"/>: its usage goes back into the catalog and its renames before
    /// the ones since, so the next checkpoint carries both. Call once per failed checkpoint, never for a stored one.
    /// </summary>
    public Task CheckpointFailedAsync(CatalogCheckpoint failed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return Submit<bool>(catalog =>
        {
            catalog.ReturnUsage(failed.Drained);
            var since = _renames.Take();
            _renames.Add(failed.Renames);
            _renames.Add(since);
            Interlocked.Increment(ref _changes);
            return true;
        }, ct);
    }

    /// <summary>Completes once the spec is in the catalog: calls queued after it are keyed under its templates.</summary>
    public Task SetSpecAsync(string id, ApiSpec spec, IEnumerable<string>? hosts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(spec);
        var configured = (hosts ?? []).ToArray();
        return Submit<bool>(catalog =>
        {
            catalog.SetSpec(id, spec, configured);
            Interlocked.Increment(ref _changes);
            return true;
        }, cancellationToken);
    }

    /// <summary>Completes with false when no spec had that id.</summary>
    public Task<bool> RemoveSpecAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Submit(catalog =>
        {
            var removed = catalog.RemoveSpec(id);
            Interlocked.Increment(ref _changes);
            return removed;
        }, cancellationToken);
    }

    /// <summary>
    /// The ids of the specs set at run time (<see cref="ApiCatalog.SpecIds"/>, ordinal order), after every command
    /// queued before: those restored from a checkpoint's state included, which a source of specs reconciles with
    /// what it lists (a spec whose resource went while the collector was down).
    /// </summary>
    public Task<IReadOnlyList<string>> SpecIdsAsync(CancellationToken cancellationToken = default) =>
        Submit<IReadOnlyList<string>>(catalog => [.. catalog.SpecIds], cancellationToken);

    /// <summary>Builds after every call queued so far, publishes the snapshot in <see cref="Latest"/>, and completes with it.</summary>
    public Task<CatalogSnapshot> BuildAsync(CancellationToken cancellationToken = default) =>
        Submit(catalog => Publish(catalog.Build()), cancellationToken);

    /// <summary>Stops taking work, drains what is queued, and waits for the owner task.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _drain.ConfigureAwait(false);
    }

    /// <summary>Publishes a build; its renames join those the next checkpoint reports.</summary>
    private CatalogSnapshot Publish(CatalogSnapshot snapshot)
    {
        _renames.Add(snapshot.Renames);
        _latest = snapshot;
        return snapshot;
    }

    private async Task<T> Submit<T>(Func<ApiCatalog, T> command, CancellationToken cancellationToken)
    {
        // Continuations run elsewhere: a caller awaiting a build must never run its code on the owner's task.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Work(null, null, catalog =>
        {
            try
            {
                done.TrySetResult(command(catalog));
            }
#pragma warning disable CA1031 // the command's caller gets its exception; the owner must go on for everyone else
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.TrySetException(e);
            }
        }), cancellationToken).ConfigureAwait(false);
        return await done.Task.ConfigureAwait(false);
    }

    private async Task DrainAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var work))
            {
                if (work.Call is { } call)
                {
                    Ingest(call);
                    Interlocked.Increment(ref _changes);
                }
                else if (work.Batch is { } batch)
                {
                    if (work.Stream is { } stream)
                    {
                        var check = _catalog.Advance(stream, work.Sequence);
                        if (check != PositionCheck.Next)
                        {
                            if (check == PositionCheck.Replay)
                            {
                                Interlocked.Increment(ref _replayedBatches);
                            }
                            else
                            {
                                Interlocked.Increment(ref _gapBatches);
                            }
                            continue;
                        }
                    }
                    for (var i = 0; i < batch.Count; i++)
                    {
                        Ingest(batch[i]);
                    }
                    Interlocked.Increment(ref _changes);
                }
                else
                {
                    work.Command!(_catalog);
                }
            }
        }
    }

    private void Ingest(ApiCall call)
    {
        try
        {
            _catalog.Ingest(call);
        }
#pragma warning disable CA1031 // one malformed call must not stop the catalog for every source
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _rejectedCalls);
        }
    }

    /// <summary>One queue item: a call, a batch of calls (with its stream and sequence, if it has them), or a command run on the owner's task.</summary>
    private readonly record struct Work(ApiCall? Call, IReadOnlyList<ApiCall>? Batch, Action<ApiCatalog>? Command)
    {
        public StreamKey? Stream { get; init; }

        public long Sequence { get; init; }
    }
}
