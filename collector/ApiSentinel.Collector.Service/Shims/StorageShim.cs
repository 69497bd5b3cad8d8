// TEMPORARY in-branch shim of the STORAGE helper's API (/work/briefs/storage.md), in memory, NOT durable.
// Deleted when wt/storage lands on main; nothing here is the real implementation.
#pragma warning disable CA1812, CA1822, CA1002, CA1819, CA1034, CA1032, CA1064, CA1815
using System.Collections.Concurrent;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Catalog
{
    public readonly record struct StreamKey(string SensorId, string InstanceId);

    public sealed record UsageBucket(string EndpointId, long HourStartMicros, long Requests, long Errors);

    public sealed class CatalogCheckpoint(CatalogSnapshot snapshot)
    {
        public CatalogSnapshot Snapshot { get; } = snapshot;
        public byte[] State { get; } = [];
        public IReadOnlyDictionary<StreamKey, long> Positions { get; } = new Dictionary<StreamKey, long>();
        public IReadOnlyList<UsageBucket> Usage { get; } = [];
        public IReadOnlyList<EndpointRename> Renames { get; } = [];
    }

    public static class CatalogOwnerShim
    {
        extension(CatalogOwner owner)
        {
            public ValueTask IngestAsync(IReadOnlyList<ApiCall> calls, StreamKey stream, long sequence, CancellationToken ct = default) =>
                owner.IngestAsync(calls, ct);

            public async Task<CatalogCheckpoint> CheckpointAsync(CancellationToken ct = default) =>
                new(await owner.BuildAsync(ct).ConfigureAwait(false));

            public Task CheckpointFailedAsync(CatalogCheckpoint failed, CancellationToken ct = default) => Task.CompletedTask;

            public Task RestorePositionsAsync(IReadOnlyDictionary<StreamKey, long> positions) => Task.CompletedTask;
        }
    }
}

namespace ApiSentinel.Collector.Storage
{
    public enum AppendResult { Appended, Duplicate, OutOfOrder }

    public sealed class CollectorStoreException(string message) : Exception(message);

    public sealed class CollectorStoreOptions
    {
        public TimeSpan UsageRetention { get; set; } = TimeSpan.FromDays(35);
    }

    public sealed record JournalEntry(StreamKey Stream, long Sequence, ReadOnlyMemory<byte> Batch);

    public sealed record StoreRecovery(byte[]? CatalogState, IReadOnlyDictionary<StreamKey, long> Positions, IReadOnlyList<JournalEntry> Pending);

    public sealed record StoredFinding(string Kind, string Client, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, IReadOnlyDictionary<string, string> Evidence);

    public sealed class CollectorStore : IDisposable
    {
        private readonly ConcurrentDictionary<StreamKey, long> _last = new();
        private readonly Lock _gate = new();

        public static CollectorStore Open(string stateDirectory, CollectorStoreOptions options, TimeProvider time)
        {
            try
            {
                Directory.CreateDirectory(stateDirectory);
            }
            catch (IOException e)
            {
                throw new CollectorStoreException($"state directory {stateDirectory}: {e.Message}");
            }
            return new CollectorStore();
        }

        public Task<AppendResult> AppendAsync(StreamKey stream, long sequence, ReadOnlyMemory<byte> batch, int calls, CancellationToken ct = default)
        {
            lock (_gate)
            {
                if (!_last.TryGetValue(stream, out var last))
                {
                    _last[stream] = sequence;
                    return Task.FromResult(AppendResult.Appended);
                }
                if (sequence <= last)
                {
                    return Task.FromResult(AppendResult.Duplicate);
                }
                if (sequence > last + 1)
                {
                    return Task.FromResult(AppendResult.OutOfOrder);
                }
                _last[stream] = sequence;
                return Task.FromResult(AppendResult.Appended);
            }
        }

        public long LastSequence(StreamKey stream) => _last.GetValueOrDefault(stream);

        public StoreRecovery Recover() => new(null, new Dictionary<StreamKey, long>(), []);

        public Task CheckpointAsync(CatalogCheckpoint checkpoint, CancellationToken ct = default) => Task.CompletedTask;

        public IReadOnlyList<UsageBucket> Usage(string endpointId, DateTimeOffset? since, DateTimeOffset? until) => [];

        public IReadOnlyDictionary<string, long> RequestsInRange(DateTimeOffset? since, DateTimeOffset? until) => new Dictionary<string, long>();

        public IReadOnlyList<StoredFinding> Findings() => [];

        public void Dispose()
        {
        }
    }
}
