namespace ApiSentinel.Collector.Storage.Tests.Infrastructure;

/// <summary>A fresh state directory under the temp directory, deleted with everything in it at dispose.</summary>
internal sealed class StateDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "apisentinel-store-" + Guid.NewGuid().ToString("N"));

    public string Database => System.IO.Path.Combine(Path, "collector.db");

    public CollectorStore Open(TimeProvider? time = null, CollectorStoreOptions? options = null) =>
        CollectorStore.Open(Path, options ?? new CollectorStoreOptions(), time ?? TimeProvider.System);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
