using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Catalog;
using ApiSentinel.Collector.Storage;

namespace ApiSentinel.Collector.Service.State;

/// <summary>
/// The collector's durable store and, once recovery has finished, the catalog's owner: what ingest streams and the
/// API share, and the Kubernetes side's <see cref="ICatalogSource"/>. Before <see cref="Ready"/> completes there is no owner (the catalog is still being restored), so
/// streams wait for it and the API answers 503.
/// </summary>
public sealed class CatalogState(CollectorStore store) : ICatalogSource, IAsyncDisposable
{
    private readonly TaskCompletionSource<CatalogOwner> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CollectorStore Store { get; } = store;

    /// <summary>Completes with the owner once the catalog is restored and every pending journal entry replayed.</summary>
    public Task<CatalogOwner> Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>The owner, or null before recovery has finished.</summary>
    public CatalogOwner? Owner => IsReady ? _ready.Task.Result : null;

    /// <summary>The latest published snapshot, or null before the first build.</summary>
    public CatalogSnapshot? Latest => Owner?.Latest;

    internal void Recovered(CatalogOwner owner) => _ready.TrySetResult(owner);

    internal void RecoveryFailed(Exception error) => _ready.TrySetException(error);

    public async ValueTask DisposeAsync()
    {
        if (Owner is { } owner)
        {
            await owner.DisposeAsync().ConfigureAwait(false);
        }
        Store.Dispose();
    }
}
