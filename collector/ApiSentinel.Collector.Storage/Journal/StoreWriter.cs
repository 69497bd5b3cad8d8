using System.Collections.Concurrent;
using System.Threading.Channels;
using ApiSentinel.Collector.Catalog;
using Microsoft.Data.Sqlite;

namespace ApiSentinel.Collector.Storage.Journal;

/// <summary>
/// The one writer of the database: a task draining a queue of appends and checkpoints over one connection. Appends
/// waiting when a commit starts share its transaction and its fsync (group commit), so 16 streams appending at once
/// cost one sync, not sixteen; every append's task completes only after its transaction is committed. A checkpoint
/// is a transaction of its own, between two groups of appends.
/// </summary>
/// <remarks>
/// Sequence rules are decided here, in queue order, against the durable last sequence of each stream plus the
/// appends accepted earlier in the same group, so a stream's appends are judged in the order they were made.
/// </remarks>
internal sealed class StoreWriter : IDisposable
{
    private readonly string _path;
    private SqliteConnection _connection;
    private bool _reopen;
    private readonly CollectorStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<StreamKey, long> _durable;
    private readonly Task _loop;
    private readonly SemaphoreSlim _hold = new(1, 1);
    private long _appended;
    private long _duplicates;
    private long _outOfOrder;
    private long _commits;
    private long _reopened;

    /// <summary>Takes <paramref name="connection"/> (open on <paramref name="path"/>): the writer disposes it, or the one it reopened.</summary>
    public StoreWriter(SqliteConnection connection, string path, CollectorStoreOptions options, TimeProvider time)
    {
        _connection = connection;
        _path = path;
        _options = options;
        _time = time;
        _durable = new ConcurrentDictionary<StreamKey, long>(JournalRows.Streams(connection));
        _loop = Task.Run(RunAsync);
    }

    public long LastSequence(StreamKey stream) => _durable.GetValueOrDefault(stream);

    public long Appended => Interlocked.Read(ref _appended);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Times the writer connection was replaced after a failed transaction.</summary>
    public long Reopened => Interlocked.Read(ref _reopened);

    public Task<AppendResult> AppendAsync(StreamKey stream, long sequence, ReadOnlyMemory<byte> batch, int calls, CancellationToken ct)
    {
        // Copied: the caller may reuse its buffer as soon as this returns, before the writer has stored it.
        return Enqueue(new Request(stream, sequence, batch.ToArray(), calls, null), ct);
    }

    /// <summary>A transaction of its own; <paramref name="write"/> may return what to do once it is committed (count what it wrote).</summary>
    public Task CheckpointAsync(Func<SqliteConnection, SqliteTransaction, Action?> write, CancellationToken ct) =>
        Enqueue(new Request(default, 0, [], 0, write), ct);

    private Task<AppendResult> Enqueue(Request request, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(CollectorStore));
        }
        // Once queued, the outcome is always reported, never abandoned to a cancellation: a caller that stopped
        // waiting could not know whether its batch became durable, and a durable batch it then neither ingested nor
        // saw resent (a resend is a duplicate) would be passed by the next position and lost. A commit takes
        // milliseconds; the wait is short. Likewise a checkpoint written after its caller gave up would be stored
        // and handed back to the owner, counting its usage twice.
        return request.Done.Task;
    }

    /// <summary>
    /// Holds the writer before its next transaction until the returned handle is disposed (tests: appends made
    /// meanwhile must all share the one commit that follows).
    /// </summary>
    internal async Task<IDisposable> HoldAsync()
    {
        await _hold.WaitAsync().ConfigureAwait(false);
        return new Release(_hold);
    }

    private sealed class Release(SemaphoreSlim hold) : IDisposable
    {
        public void Dispose() => hold.Release();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var group = new List<Request>();
        Request? carried = null;
        while (carried is not null || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await _hold.WaitAsync().ConfigureAwait(false);
            _hold.Release();
            if (carried is { Checkpoint: not null } checkpoint)
            {
                carried = null;
                Run(checkpoint);
                continue;
            }
            group.Clear();
            long bytes = 0;
            if (carried is not null)
            {
                group.Add(carried);
                bytes = carried.Batch.Length;
                carried = null;
            }
            while (group.Count < _options.MaxAppendsPerCommit && bytes < _options.MaxBytesPerCommit && reader.TryRead(out var next))
            {
                if (next.Checkpoint is not null)
                {
                    carried = next;
                    break;
                }
                group.Add(next);
                bytes += next.Batch.Length;
            }
            if (group.Count > 0)
            {
                Commit(group);
            }
        }
    }

    private void Run(Request checkpoint)
    {
        try
        {
            EnsureConnection();
            using var transaction = _connection.BeginTransaction();
            var committed = checkpoint.Checkpoint!(_connection, transaction);
            transaction.Commit();
            committed?.Invoke();
            Interlocked.Increment(ref _commits);
            checkpoint.Done.TrySetResult(AppendResult.Appended);
        }
#pragma warning disable CA1031 // the checkpoint's caller gets the error; appends must go on
        catch (Exception e)
#pragma warning restore CA1031
        {
            checkpoint.Done.TrySetException(Failure("checkpoint", e));
            Reopen();
        }
    }

    private void Commit(List<Request> group)
    {
        var accepted = new Dictionary<StreamKey, long>();
        var results = new AppendResult[group.Count];
        try
        {
            EnsureConnection();
            using var transaction = _connection.BeginTransaction();
            using var rows = new JournalRows(_connection, transaction);
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
            for (var i = 0; i < group.Count; i++)
            {
                var append = group[i];
                var known = accepted.TryGetValue(append.Stream, out var last) || _durable.TryGetValue(append.Stream, out last);
                results[i] = known && append.Sequence <= last ? AppendResult.Duplicate
                    : known && append.Sequence > last + 1 ? AppendResult.OutOfOrder
                    : AppendResult.Appended;
                if (results[i] == AppendResult.Appended)
                {
                    rows.Append(append.Stream, append.Sequence, append.Batch, append.Calls, now);
                    accepted[append.Stream] = append.Sequence;
                }
            }
            foreach (var (stream, sequence) in accepted)
            {
                rows.SetLast(stream, sequence);
            }
            transaction.Commit();
        }
#pragma warning disable CA1031 // every append of the group gets the error; the writer goes on with the next group
        catch (Exception e)
#pragma warning restore CA1031
        {
            var failure = Failure("append", e);
            foreach (var append in group)
            {
                append.Done.TrySetException(failure);
            }
            Reopen();
            return;
        }
        Interlocked.Increment(ref _commits);
        foreach (var (stream, sequence) in accepted)
        {
            _durable[stream] = sequence;
        }
        for (var i = 0; i < group.Count; i++)
        {
            switch (results[i])
            {
                case AppendResult.Appended:
                    Interlocked.Increment(ref _appended);
                    break;
                case AppendResult.Duplicate:
                    Interlocked.Increment(ref _duplicates);
                    break;
                default:
                    Interlocked.Increment(ref _outOfOrder);
                    break;
            }
            group[i].Done.TrySetResult(results[i]);
        }
    }

    /// <summary>
    /// After any failed transaction. A failed COMMIT (I/O error, disk full) may leave the connection inside its
    /// transaction — SQLite rolls some errors back itself and not others, and the driver's own ROLLBACK then fails and
    /// leaves it believing one is open — and every later BEGIN would fail. So the writer starts over on a new
    /// connection and re-reads the durable sequences: a COMMIT that reported failure may still have reached the WAL.
    /// If the file cannot be opened now, the next transaction tries again (and fails its requests until it can).
    /// </summary>
    private void Reopen()
    {
        _reopen = true;
        try
        {
            EnsureConnection();
        }
#pragma warning disable CA1031 // the next transaction retries and reports the error to its requests
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void EnsureConnection()
    {
        if (!_reopen)
        {
            return;
        }
        var fresh = Schema.StoreOpener.ReopenWriter(_path);
        try
        {
            foreach (var (stream, sequence) in JournalRows.Streams(fresh))
            {
                _durable[stream] = sequence;
            }
        }
        catch
        {
            fresh.Dispose();
            throw;
        }
        _connection.Dispose();
        _connection = fresh;
        _reopen = false;
        Interlocked.Increment(ref _reopened);
    }

    private static CollectorStoreException Failure(string what, Exception e) =>
        new($"collector state {what} failed: {(e is SqliteException s ? Schema.StoreOpener.OneLine(s) : e.Message)}", e);

    /// <summary>Stops taking work and waits for what is queued to be written.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
        _hold.Dispose();
        _connection.Dispose();
    }

    private sealed class Request(StreamKey stream, long sequence, byte[] batch, int calls, Func<SqliteConnection, SqliteTransaction, Action?>? checkpoint)
    {
        public StreamKey Stream { get; } = stream;

        public long Sequence { get; } = sequence;

        public byte[] Batch { get; } = batch;

        public int Calls { get; } = calls;

        public Func<SqliteConnection, SqliteTransaction, Action?>? Checkpoint { get; } = checkpoint;

        public TaskCompletionSource<AppendResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
