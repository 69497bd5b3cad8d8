using System.Globalization;
using System.Text.Json;
using ApiSentinel.Bench.IngestThroughput;
using ApiSentinel.Bench.IngestThroughput.Corpus;
using ApiSentinel.Bench.IngestThroughput.Floor;
using ApiSentinel.Bench.IngestThroughput.Reference;
using ApiSentinel.Bench.IngestThroughput.Report;
using ApiSentinel.Bench.IngestThroughput.Wire;

try
{
    var options = BenchOptions.Parse(args);
    switch (options.Command)
    {
        case "describe":
        {
            var (widener, pool) = Build(options);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed calls {widener.SeedCount}, endpoint shapes {widener.DistinctEndpoints}, pool {pool.Calls} calls in {pool.Batches.Length} batches, {(double)pool.EncodedBytes / pool.Calls:F0} B per encoded call"));
            return 0;
        }
        case "grpc":
        {
            var (_, pool) = Build(options);
            var token = File.ReadAllText(options.Text("token-file")).Trim();
            var run = new LoadRun(pool, new Uri(options.Text("collector")), token, options.Int("collector-pid", 0));
            var result = await run.RunAsync(options.Int("seed", 1), options.Int("streams", 1), options.Int("window", 8),
                TimeSpan.FromSeconds(options.Seconds("warmup", 5)), options.Seconds("warmup-cpu", 3),
                TimeSpan.FromSeconds(options.Seconds("seconds", 15)), options.Seconds("measure-cpu", 10),
                options.Text("label", ""));
            Append(options.Text("out"), JsonSerializer.Serialize(result));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[ingest] seed {result.Seed} streams {result.Streams}: {result.CallsPerSecond:F0} calls/s, p99 {result.P99Ms:F1} ms, collector {result.CollectorCpuSeconds:F1} CPU-s, {result.CollectorRssPeakMb:F0} MB, load {result.LoadStart:F1}–{result.LoadEnd:F1}"));
            return 0;
        }
        case "reference":
        {
            var (_, pool) = Build(options);
            var result = new ReferenceRun(pool).Run(options.Int("seed", 1), options.Count("calls", 300_000));
            Append(options.Text("out"), JsonSerializer.Serialize(result));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[reference] seed {result.Seed}: decode {result.DecodePerCpuSecond / 1e3:F0} k/CPU-s (interned {result.DecodeInternedPerCpuSecond / 1e3:F0} k), engine {result.EnginePerCpuSecond / 1e3:F0} k/CPU-s (interned {result.EngineInternedPerCpuSecond / 1e3:F0} k), {result.CatalogEndpoints} endpoints"));
            return 0;
        }
        case "null-collector":
            await NullCollector.RunAsync(options.Int("port", 0), File.ReadAllText(options.Text("token-file")).Trim());
            return 0;
        case "report":
            Console.Write(MarkdownReport.Render(File.ReadAllLines(options.Text("in"))));
            return 0;
        default:
            throw new ArgumentException($"unknown command '{options.Command}'");
    }
}
catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or UriFormatException or Grpc.Core.RpcException or TimeoutException)
{
    Console.Error.WriteLine("apisentinel-ingestthroughput: " + e.Message);
    return 1;
}

static (CallWidener Widener, BatchPool Pool) Build(BenchOptions options)
{
    var seeds = CaptureCalls.Load(CaptureCalls.FindRepositoryRoot());
    var widener = new CallWidener(seeds, options.Int("seed", 1), options.Int("endpoints", 5000), options.Int("hosts", 40), options.Int("clients", 4000));
    return (widener, BatchPool.Build(widener, options.Int("pool-batches", 256), options.Int("batch", 512)));
}

static void Append(string path, string line) => File.AppendAllLines(path, [line]);
