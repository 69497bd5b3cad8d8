using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;
using static ApiSentinel.Collector.Storage.Tests.Infrastructure.Batches;

namespace ApiSentinel.Collector.Storage.Tests.Durability;

/// <summary>
/// The child the kill -9 test kills: the collector's path for every batch — journal it, ingest it when new, then
/// acknowledge it (here: print <c>ack STREAM SEQUENCE</c>) — from several streams at once, with checkpoints running
/// beside the appends, until it is killed.
/// </summary>
internal static class AppendingChild
{
    public const string Verb = "append-until-killed";

    public const int Streams = 4;

    public const int CallsPerBatch = 5;

    public static StreamKey Stream(int index) => new($"sensor-{index}", "instance-1");

    public static List<ApiCall> CallsOf(StreamKey stream, long sequence) =>
        Enumerable.Range(0, CallsPerBatch).Select(i => Call($"/{stream.SensorId}/items", Jan1Micros + (sequence * 1_000_000L) + i)).ToList();

    public static async Task<int> RunAsync(string directory)
    {
        using var store = CollectorStore.Open(directory, new CollectorStoreOptions(), TimeProvider.System);
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        var output = TextWriter.Synchronized(Console.Out);
        var appenders = Enumerable.Range(0, Streams).Select(index => Task.Run(async () =>
        {
            var stream = Stream(index);
            for (long sequence = 1; ; sequence++)
            {
                var calls = CallsOf(stream, sequence);
                if (await store.AppendAsync(stream, sequence, Encode(calls), calls.Count) != AppendResult.Appended)
                {
                    throw new InvalidOperationException($"{stream} {sequence} not appended");
                }
                await owner.IngestAsync(calls, stream, sequence);
                output.WriteLine($"ack {stream.SensorId} {sequence}");
                output.Flush();
            }
        }));
        var checkpoints = Task.Run(async () =>
        {
            for (var n = 1; ; n++)
            {
                await Task.Delay(20);
                await store.CheckpointAsync(await owner.CheckpointAsync());
                output.WriteLine($"checkpoint {n}");
                output.Flush();
            }
        });
        await Task.WhenAny([.. appenders, checkpoints]);
        return 1;
    }
}
