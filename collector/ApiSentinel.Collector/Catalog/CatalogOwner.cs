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
    private volatile CatalogSnapshot? _latest;
    private long _rejectedCalls;

    public CatalogOwner(ApiCatalog catalog, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _catalog = catalog;
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

    /// <summary>Completes once the spec is in the catalog: calls queued after it are keyed under its templates.</summary>
    public Task SetSpecAsync(string id, ApiSpec spec, IEnumerable<string>? hosts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(spec);
        var configured = (hosts ?? []).ToArray();
        return Submit<bool>(catalog =>
        {
            catalog.SetSpec(id, spec, configured);
            return true;
        }, cancellationToken);
    }

    /// <summary>Completes with false when no spec had that id.</summary>
    public Task<bool> RemoveSpecAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Submit(catalog => catalog.RemoveSpec(id), cancellationToken);
    }

    /// <summary>Builds after every call queued so far, publishes the snapshot in <see cref="Latest"/>, and completes with it.</summary>
    public Task<CatalogSnapshot> BuildAsync(CancellationToken cancellationToken = default) =>
        Submit(catalog =>
        {
            var snapshot = catalog.Build();
            _latest = snapshot;
            return snapshot;
        }, cancellationToken);

    /// <summary>Stops taking work, drains what is queued, and waits for the owner task.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _drain.ConfigureAwait(false);
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
                }
                else if (work.Batch is { } batch)
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        Ingest(batch[i]);
                    }
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

    /// <summary>One queue item: a call, a batch of calls, or a command run on the owner's task.</summary>
    private readonly record struct Work(ApiCall? Call, IReadOnlyList<ApiCall>? Batch, Action<ApiCatalog>? Command);
}
