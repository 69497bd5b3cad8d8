namespace ApiSentinel.Collector.Storage.Schema;

/// <summary>
/// Exclusive use of a state directory: a lock file held open with <see cref="FileShare.None"/>, which .NET takes as an
/// advisory <c>flock</c> on Unix. The kernel drops it when the process dies — kill -9 included — so a crashed
/// collector never leaves a stale lock, and a second collector on the same directory is refused instead of
/// interleaving its writes with the first one's.
/// </summary>
internal sealed class StateDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private StateDirectoryLock(FileStream file) => _file = file;

    public static StateDirectoryLock Take(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CollectorStoreException($"state directory {directory} cannot be created: {e.Message}", e);
        }
        var path = Path.Combine(directory, StoreSchema.LockFile);
        try
        {
            return new StateDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CollectorStoreException($"state directory {directory} is not writable: {e.Message}", e);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new CollectorStoreException(
                $"state directory {directory} is in use by another running collector (its lock file {StoreSchema.LockFile} is held)", e);
        }
        catch (IOException e)
        {
            throw new CollectorStoreException($"state directory {directory} is not writable: {e.Message}", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
