using ApiSentinel.Collector.Storage.Tests.Infrastructure;
using static ApiSentinel.Collector.Storage.Tests.Infrastructure.Batches;

namespace ApiSentinel.Collector.Storage.Tests.Journal;

/// <summary>A commit that fails for real (disk full) fails its appends, and the writer goes on once there is room.</summary>
public sealed class FailedCommitTests
{
    [SmallFileSystemFact]
    public async Task After_a_disk_full_commit_later_appends_succeed()
    {
        using var disk = SmallFileSystem.Mount(768);
        var directory = Path.Combine(disk.Path, "state");
        using (var store = CollectorStore.Open(directory, new CollectorStoreOptions(), TimeProvider.System))
        {
            Assert.Equal(AppendResult.Appended, await store.AppendAsync(SensorA, 1, Bytes(SensorA, 1), 1).WaitAsync(TimeSpan.FromSeconds(60)));
            // Fill the file system but a little, then append more than is left.
            var filler = Path.Combine(disk.Path, "filler");
            await using (var file = File.Create(filler))
            {
                var block = new byte[16 * 1024];
                try
                {
                    while (true)
                    {
                        file.Write(block);
                        file.Flush();
                    }
                }
                catch (IOException)
                {
                }
            }
            var full = await Record.ExceptionAsync(() => store.AppendAsync(SensorA, 2, new byte[256 * 1024], 1).WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.IsType<CollectorStoreException>(full);
            Assert.DoesNotContain('\n', full.Message);

            // Room again: the next appends commit, and the failed one was not made durable.
            File.Delete(filler);
            Assert.Equal(1, store.LastSequence(SensorA));
            Assert.Equal(AppendResult.Appended, await store.AppendAsync(SensorA, 2, Bytes(SensorA, 2), 1).WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(AppendResult.Appended, await store.AppendAsync(SensorA, 3, Bytes(SensorA, 3), 1).WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.True(store.WriterReopens >= 1);
        }
        using var reopened = CollectorStore.Open(directory, new CollectorStoreOptions(), TimeProvider.System);
        Assert.Equal([1L, 2, 3], reopened.Recover().Pending.Select(p => p.Sequence));
    }
}
