using ApiSentinel.Bench.CatalogThroughput;
using ApiSentinel.Bench.IngestThroughput.Measure;
using ApiSentinel.Bench.IngestThroughput.Wire;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;
using ApiSentinel.Ingest;
using ApiSentinel.Ingest.Interning;
using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Bench.IngestThroughput.Reference;

/// <summary>
/// What the collector's ingest costs at the least, measured in the same run on the same encoded batches: the decode
/// alone (parse + mapping, with and without interning, and the interner shared by two threads or one each) and the
/// engine alone (<see cref="ApiCatalog.Ingest"/> in-process, one thread, the decode done outside the timed region).
/// </summary>
internal sealed class ReferenceRun(BatchPool pool)
{
    private const string Source = "bench-reference";

    public ReferenceResult Run(int seed, long calls)
    {
        var loadStart = ProcFs.LoadAverage();
        var batches = (int)Math.Max(1, calls / pool.BatchSize);
        // Warm-up of every loop on throw-away state, then each measurement twice in alternating order, keeping the
        // better: tiered compilation finishes in the background (slowly on a loaded machine), and whichever variant
        // ran first would otherwise pay for it.
        var warm = Math.Min(batches, 40);
        Decode(warm, names: null);
        Decode(warm, new WireInterner());
        Engine(warm, names: null);
        Engine(warm, new WireInterner());
        double decode = 0, decodeInterned = 0, engine = 0, engineInterned = 0, heap = 0, heapInterned = 0;
        var endpoints = 0;
        for (var round = 0; round < 2; round++)
        {
            decode = Math.Max(decode, Decode(batches, names: null));
            decodeInterned = Math.Max(decodeInterned, Decode(batches, new WireInterner()));
            var plain = Engine(batches, names: null);
            var interned = Engine(batches, new WireInterner());
            (engine, heap, endpoints) = plain.Rate > engine ? plain : (engine, heap, endpoints);
            (engineInterned, heapInterned) = interned.Rate > engineInterned ? (interned.Rate, interned.HeapMb) : (engineInterned, heapInterned);
        }
        var shared = new WireInterner();
        double sharedRate = 0, perThreadRate = 0;
        for (var round = 0; round < 2; round++)
        {
            sharedRate = Math.Max(sharedRate, TwoThreads(batches, () => shared));
            perThreadRate = Math.Max(perThreadRate, TwoThreads(batches, () => new WireInterner()));
        }
        return new ReferenceResult
        {
            Seed = seed,
            Calls = (long)batches * pool.BatchSize,
            DecodePerCpuSecond = decode,
            DecodeInternedPerCpuSecond = decodeInterned,
            EnginePerCpuSecond = engine,
            EngineInternedPerCpuSecond = engineInterned,
            EngineHeapMb = heap,
            EngineInternedHeapMb = heapInterned,
            CatalogEndpoints = endpoints,
            SharedInternerPerCpuSecond = sharedRate,
            PerThreadInternerPerCpuSecond = perThreadRate,
            LoadStart = loadStart,
            LoadEnd = ProcFs.LoadAverage(),
        };
    }

    /// <summary>
    /// The batches a stream would send, framed one at a time outside the timed regions (thread <paramref name="part"/>
    /// of <paramref name="parts"/> gets every parts-th). Event time advances by 50 µs per call (20 k calls/s of
    /// capture), however fast the loop runs.
    /// </summary>
    private IEnumerable<ReadOnlyMemory<byte>> Messages(int batches, int part = 0, int parts = 1)
    {
        var framer = new BatchFramer();
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        for (var b = part; b < batches; b += parts)
        {
            yield return framer.Frame(pool.Batches[b % pool.Batches.Length], (ulong)b + 1, start + (long)b * pool.BatchSize * 50);
        }
    }

    private double Decode(int batches, WireInterner? names)
    {
        long n = 0;
        double cpu = 0;
        foreach (var message in Messages(batches))
        {
            var start = ThreadCpu.Seconds();
            n += DecodeOne(message.Span, names).Count;
            cpu += ThreadCpu.Seconds() - start;
        }
        return n / cpu;
    }

    private static List<ApiCall> DecodeOne(ReadOnlySpan<byte> message, WireInterner? names)
    {
        var batch = SensorMessage.Parser.ParseFrom(message).Batch;
        var calls = new List<ApiCall>(batch.Calls.Count);
        foreach (var wire in batch.Calls)
        {
            calls.Add(names is null ? CallMapping.FromWire(wire, Source) : CallMapping.FromWire(wire, Source, names));
        }
        return calls;
    }

    private (double Rate, double HeapMb, int Endpoints) Engine(int batches, WireInterner? names)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var catalog = new ApiCatalog(new CatalogOptions());
        long n = 0;
        double cpu = 0;
        foreach (var message in Messages(batches))
        {
            var calls = DecodeOne(message.Span, names);
            var start = ThreadCpu.Seconds();
            foreach (var call in calls)
            {
                catalog.Ingest(call);
            }
            cpu += ThreadCpu.Seconds() - start;
            n += calls.Count;
        }
        // What the catalog (and the interner) retain: the heap's growth while it was built.
        var heap = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1e6;
        var endpoints = catalog.Build().Endpoints.Count;
        GC.KeepAlive(names);
        GC.KeepAlive(catalog);
        return (n / cpu, heap, endpoints);
    }

    private double TwoThreads(int batches, Func<WireInterner> interner)
    {
        var cpu = new double[2];
        var counts = new long[2];
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            var names = interner();
            foreach (var message in Messages(batches, t, 2))
            {
                var start = ThreadCpu.Seconds();
                counts[t] += DecodeOne(message.Span, names).Count;
                cpu[t] += ThreadCpu.Seconds() - start;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return counts.Sum() / cpu.Sum();
    }
}
