using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Storage.Findings;
using ApiSentinel.Collector.Storage.Journal;
using ApiSentinel.Collector.Storage.Schema;
using ApiSentinel.Collector.Storage.Usage;
using Microsoft.Data.Sqlite;

namespace ApiSentinel.Collector.Storage;

/// <summary>
/// The collector's durable state in one SQLite database (WAL) in its state directory: the journal of acknowledged
/// batches, the last catalog checkpoint with the stream positions it covers, hourly usage per endpoint, and findings.
/// The rules (docs/collector-storage.md): a batch is acknowledged only when <see cref="AppendAsync"/> completes, which is
/// after its transaction is committed with synchronous=FULL, so kill -9 loses nothing acknowledged; a restart imports
/// the checkpoint and replays the journal after its positions (<see cref="Recover"/>), so each batch counts once.
/// </summary>
/// <remarks>
/// Threads: appends from any number of streams at once and checkpoints go through one writer (group commit); reads
/// (<see cref="Usage"/>, <see cref="RequestsInRange"/>, <see cref="Findings"/>, <see cref="Recover"/>) open their own
/// read-only connection, which WAL lets run beside the writer without blocking it.
/// </remarks>
public sealed class CollectorStore : IDisposable
{
    private readonly StateDirectoryLock _lock;
    private readonly string _path;
    private readonly StoreWriter _writer;
    private readonly string _readConnection;
    private readonly CollectorStoreOptions _options;
    private readonly TimeProvider _time;
    private bool _disposed;
    private long _findingsWritten;
    private long _findingsPruned;

    private CollectorStore(StateDirectoryLock directoryLock, SqliteConnection connection, string path, CollectorStoreOptions options, TimeProvider time)
    {
        _lock = directoryLock;
        _path = path;
        _options = options;
        _time = time;
        _readConnection = StoreOpener.ConnectionString(path, SqliteOpenMode.ReadOnly);
        _writer = new StoreWriter(connection, path, options, time);
    }

    /// <summary>The database file in the state directory.</summary>
    public string DatabasePath => _path;

    /// <summary>Batches stored.</summary>
    public long AppendedBatches => _writer.Appended;

    /// <summary>Appends refused as duplicates (already stored).</summary>
    public long DuplicateBatches => _writer.Duplicates;

    /// <summary>Appends refused as out of order (a gap in the stream).</summary>
    public long OutOfOrderBatches => _writer.OutOfOrder;

    /// <summary>Times the writer's connection was replaced after a failed transaction (a failed COMMIT may leave it stuck in one).</summary>
    public long WriterReopens => _writer.Reopened;

    /// <summary>Finding rows written by checkpoints (inserted or changed; an unchanged finding is not written).</summary>
    public long FindingsWritten => Interlocked.Read(ref _findingsWritten);

    /// <summary>Findings deleted because their last sighting was past the retention (<see cref="CollectorStoreOptions.UsageRetention"/>).</summary>
    public long FindingsPruned => Interlocked.Read(ref _findingsPruned);

    /// <summary>Transactions committed (group commits and checkpoints): fewer than appends when appends share commits.</summary>
    public long Commits => _writer.Commits;

    /// <summary>
    /// Opens (creating if need be) the state in <paramref name="stateDirectory"/>. Throws <see cref="CollectorStoreException"/>
    /// with one line for a person, having written nothing to the database, when the directory cannot be created or
    /// written, another running collector holds it, or its database is not SQLite, another application's, of a newer
    /// schema, incomplete or corrupt.
    /// </summary>
    public static CollectorStore Open(string stateDirectory, CollectorStoreOptions options, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.UsageRetention, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAppendsPerCommit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBytesPerCommit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFindingsRead, 1);
        var directory = Path.GetFullPath(stateDirectory);
        var directoryLock = StateDirectoryLock.Take(directory);
        try
        {
            var path = Path.Combine(directory, StoreSchema.DatabaseFile);
            var connection = StoreOpener.OpenWriter(path);
            try
            {
                return new CollectorStore(directoryLock, connection, path, options, time);
            }
            catch (SqliteException e)
            {
                // The writer reads the streams' last sequences at start: a schema it cannot read is one line too, not a stack trace.
                connection.Dispose();
                throw new CollectorStoreException($"{path} cannot be opened for writing: {StoreOpener.OneLine(e)}", e);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
        catch
        {
            directoryLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stores one batch of a stream. <see cref="AppendResult.Appended"/>: durable when the task completes (acknowledge
    /// it then). <see cref="AppendResult.Duplicate"/>: the sequence is at or before the stream's last durable one —
    /// nothing stored; acknowledge again, do not ingest. <see cref="AppendResult.OutOfOrder"/>: past last + 1 — nothing
    /// stored; abort the stream. A stream's first append ever sets its base at whatever sequence it has (a collector
    /// with a wiped state accepts a sensor in mid-sequence). The bytes are opaque here (the collector passes the encoded
    /// batch) and are copied. A failed write faults the task with a <see cref="CollectorStoreException"/>.
    /// <paramref name="ct"/> cancels only before the batch is queued: once queued, the task reports what happened to it
    /// (so a caller never loses track of a durable batch it must still ingest).
    /// </summary>
    public Task<AppendResult> AppendAsync(StreamKey stream, long sequence, ReadOnlyMemory<byte> batch, int calls, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream.SensorId);
        ArgumentNullException.ThrowIfNull(stream.InstanceId);
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _writer.AppendAsync(stream, sequence, batch, calls, ct);
    }

    /// <summary>The stream's last durable sequence; 0 for a stream never appended to.</summary>
    public long LastSequence(StreamKey stream) => _writer.LastSequence(stream);

    /// <summary>
    /// The last checkpoint's state and positions, and the journal entries after those positions in append order — read
    /// lazily, one at a time as <see cref="StoreRecovery.Pending"/> is enumerated (see its remarks).
    /// </summary>
    public StoreRecovery Recover()
    {
        using var connection = OpenReader();
        using var transaction = connection.BeginTransaction();
        byte[]? state;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT state FROM checkpoint WHERE id = 1";
            state = command.ExecuteScalar() as byte[];
        }
        var positions = JournalRows.Positions(connection);
        var (count, lastId) = JournalRows.PendingExtent(connection, transaction);
        return new StoreRecovery(state, positions, new PendingJournal(count, () => PendingEntries(lastId)));
    }

    private IEnumerable<JournalEntry> PendingEntries(long lastId)
    {
        using var connection = OpenReader();
        foreach (var entry in JournalRows.Pending(connection, lastId))
        {
            yield return entry;
        }
    }

    /// <summary>
    /// Stores a checkpoint in one transaction: the state and positions replace the previous ones, stored usage of renamed
    /// identities moves to the new ones and the checkpoint's usage is added, stored findings' endpoints are renamed the
    /// same way and the build's findings upserted (unchanged ones skipped), the journal rows the positions cover are
    /// deleted, and usage and findings past the retention are pruned. On failure nothing of it is stored: hand the
    /// checkpoint back to its owner (<see cref="CatalogOwner.CheckpointFailedAsync"/>). Like an append's,
    /// <paramref name="ct"/> cancels only before the checkpoint is queued: a stored checkpoint never looks failed.
    /// </summary>
    public Task CheckpointAsync(CatalogCheckpoint checkpoint, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var now = UsageRows.Micros(_time.GetUtcNow());
        var cutoff = UsageRows.Micros(_time.GetUtcNow() - _options.UsageRetention);
        return _writer.CheckpointAsync((connection, transaction) =>
        {
            using (var save = connection.CreateCommand())
            {
                save.Transaction = transaction;
                save.CommandText = """
                    INSERT INTO checkpoint (id, written_micros, generation, state) VALUES (1, $now, $generation, $state)
                    ON CONFLICT (id) DO UPDATE SET written_micros = excluded.written_micros, generation = excluded.generation, state = excluded.state
                    """;
                save.Parameters.AddWithValue("$now", now);
                save.Parameters.AddWithValue("$generation", checkpoint.Snapshot.Generation);
                save.Parameters.Add("$state", SqliteType.Blob).Value = checkpoint.State;
                save.ExecuteNonQuery();
            }
            using (var position = connection.CreateCommand())
            {
                position.Transaction = transaction;
                position.CommandText = """
                    INSERT INTO positions (sensor_id, instance_id, sequence) VALUES ($sensor, $instance, $sequence)
                    ON CONFLICT (sensor_id, instance_id) DO UPDATE SET sequence = excluded.sequence
                    """;
                foreach (var (stream, sequence) in checkpoint.Positions)
                {
                    position.Parameters.Clear();
                    position.Parameters.AddWithValue("$sensor", stream.SensorId);
                    position.Parameters.AddWithValue("$instance", stream.InstanceId);
                    position.Parameters.AddWithValue("$sequence", sequence);
                    position.ExecuteNonQuery();
                }
            }
            UsageRows.Rename(connection, transaction, checkpoint.Renames);
            UsageRows.Add(connection, transaction, checkpoint.Usage);
            FindingRows.Rename(connection, transaction, checkpoint.Renames);
            var written = FindingRows.Upsert(connection, transaction, checkpoint.Snapshot.Findings);
            JournalRows.DeleteCovered(connection, transaction);
            UsageRows.Prune(connection, transaction, cutoff);
            var pruned = FindingRows.Prune(connection, transaction, cutoff);
            return () =>
            {
                // Counted once the transaction is committed: a failed checkpoint wrote and pruned nothing.
                Interlocked.Add(ref _findingsWritten, written);
                Interlocked.Add(ref _findingsPruned, pruned);
            };
        }, ct);
    }

    /// <summary>One endpoint's hourly buckets overlapping [since, until) (either end open when null), in hour order.</summary>
    public IReadOnlyList<UsageBucket> Usage(string endpointId, DateTimeOffset? since, DateTimeOffset? until)
    {
        ArgumentNullException.ThrowIfNull(endpointId);
        using var connection = OpenReader();
        return UsageRows.Of(connection, endpointId, since, until);
    }

    /// <summary>Requests per endpoint identity in the hours overlapping [since, until); endpoints without any are absent.</summary>
    public IReadOnlyDictionary<string, long> RequestsInRange(DateTimeOffset? since, DateTimeOffset? until)
    {
        using var connection = OpenReader();
        return UsageRows.RequestsInRange(connection, since, until);
    }

    /// <summary>
    /// The stored findings seen most recently — at most <see cref="CollectorStoreOptions.MaxFindingsRead"/> (default
    /// 1,000) — oldest first.
    /// </summary>
    public IReadOnlyList<StoredFinding> Findings()
    {
        using var connection = OpenReader();
        return FindingRows.Recent(connection, _options.MaxFindingsRead);
    }

    /// <summary>Waits for queued appends and checkpoints to be written, then closes the database and releases the directory.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _writer.Dispose();
        _lock.Dispose();
    }

    /// <summary>The writer connection's <c>PRAGMA synchronous</c> and <c>journal_mode</c>, read on the writer's task (tests of durability).</summary>
    internal async Task<(long Synchronous, string JournalMode)> WriterPragmasAsync()
    {
        (long, string) pragmas = default;
        await _writer.CheckpointAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "PRAGMA synchronous";
            var synchronous = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            command.CommandText = "PRAGMA journal_mode";
            pragmas = (synchronous, Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "");
            return null;
        }, CancellationToken.None).ConfigureAwait(false);
        return pragmas;
    }

    /// <summary>Holds the writer before its next transaction (tests of group commit).</summary>
    internal Task<IDisposable> HoldWriterAsync() => _writer.HoldAsync();

    private SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_readConnection);
        connection.Open();
        return connection;
    }
}
