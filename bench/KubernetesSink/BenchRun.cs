using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ApiSentinel.Bench.KubernetesSink.Cluster;
using ApiSentinel.Bench.KubernetesSink.Measure;
using ApiSentinel.Bench.KubernetesSink.Report;
using ApiSentinel.Bench.KubernetesSink.Traffic;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using ApiSentinel.FakeApiServer;

namespace ApiSentinel.Bench.KubernetesSink;

/// <summary>
/// One seed, four phases against one collector and one fake API server:
/// <list type="number">
/// <item>traffic — every endpoint once, then Zipf traffic at the given rate; then the drain, until every endpoint of
/// the collector's catalog is a resource carrying the catalog's change marker;</item>
/// <item>steady — no traffic for a few flush intervals: nothing may be written;</item>
/// <item>restart — SIGTERM, start on the same state, the sink's start-up reconcile of every existing resource, a few
/// flush intervals: nothing may be written.</item>
/// </list>
/// </summary>
internal sealed class BenchRun(BenchOptions options)
{
    private const int SweepBatch = 500;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task<ResultRow> RunAsync(CancellationToken cancel)
    {
        string work = Directory.CreateTempSubdirectory("apisentinel-kubesink-bench-").FullName;
        try
        {
            var population = new EndpointPopulation(options.Seed, options.Endpoints, options.Hosts);
            await using var server = await BenchCluster.StartAsync(options.CrdDirectory, population);
            string kubeconfig = server.WriteKubeconfig(work);
            using var collector = new CollectorProcess(options.CollectorDll, work,
            [
                "--kubeconfig", kubeconfig,
                "--namespace", BenchCluster.CollectorNamespace,
                "--kube-flush-interval", options.FlushInterval.ToString("c", CultureInfo.InvariantCulture),
                "--kube-qps", options.Qps.ToString(CultureInfo.InvariantCulture),
                "--kube-burst", options.Burst.ToString(CultureInfo.InvariantCulture),
            ]);
            await collector.StartAsync(Http);
            try
            {
                return await PhasesAsync(population, server, collector, cancel);
            }
            catch
            {
                Console.Error.WriteLine("[bench] collector log tail:\n" + collector.LogTail());
                throw;
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task<ResultRow> PhasesAsync(EndpointPopulation population, FakeKubeApiServer server, CollectorProcess collector, CancellationToken cancel)
    {
        // 1. Traffic, then the drain.
        var trafficStart = DateTimeOffset.UtcNow;
        long calls;
        await using (var sensor = new TrafficSensor(collector.GrpcUrl, collector.Token))
        {
            await sensor.ConnectAsync(cancel);
            await sensor.SendAllAsync(population.Sweep(trafficStart.ToUnixTimeMilliseconds() * 1000), SweepBatch, cancel);
            await sensor.StreamAsync(population.Next, options.Rate, TimeSpan.FromSeconds(options.TrafficSeconds), cancel);
            calls = sensor.CallsSent;
        }
        var trafficEnd = DateTimeOffset.UtcNow;
        Log($"traffic: {calls} calls in {(trafficEnd - trafficStart).TotalSeconds:0} s; draining");
        int catalogEndpoints = await DrainAsync(server, collector, cancel);
        var drained = DateTimeOffset.UtcNow;
        var traffic = WriteProfile.Of(ServerRequest.Since(server.Requests, trafficStart), trafficStart, drained, options.FlushInterval);
        int resources = server.List(ApiSentinelApi.ApiVersion, V1Alpha1ApiEndpoint.KubePluralName).Count;
        Log($"drained after {(drained - trafficEnd).TotalSeconds:0} s: {catalogEndpoints} endpoints, {resources} resources, {traffic.Writes} writes");

        // 2. Steady state: no traffic, no change, so no write.
        var quiet = options.FlushInterval * options.QuietIntervals;
        var steadyStart = DateTimeOffset.UtcNow;
        await Task.Delay(quiet, cancel);
        var steady = WriteProfile.Of(ServerRequest.Since(server.Requests, steadyStart), steadyStart, DateTimeOffset.UtcNow, options.FlushInterval);
        Log($"steady: {steady.Writes} writes in {quiet.TotalSeconds:0} s");

        // 3. Restart on the same state: the reconcile lists every resource and writes none.
        collector.Stop();
        var restartStart = DateTimeOffset.UtcNow;
        await collector.StartAsync(Http);
        var clock = Stopwatch.StartNew();
        while (!ServerRequest.Since(server.Requests, restartStart).Any(r => r.IsEndpointList))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("the restarted collector never listed its ApiEndpoints");
            }
            await Task.Delay(100, cancel);
        }
        var reconciled = DateTimeOffset.UtcNow;
        await Task.Delay(quiet, cancel);
        var restart = WriteProfile.Of(ServerRequest.Since(server.Requests, restartStart), restartStart, DateTimeOffset.UtcNow, options.FlushInterval);
        Log($"restart: listed after {(reconciled - restartStart).TotalSeconds:0.0} s, {restart.Writes} writes in the next {quiet.TotalSeconds:0} s");

        return new ResultRow(options.Label, options.Seed, options.Endpoints, catalogEndpoints, resources, calls,
            calls / (trafficEnd - trafficStart).TotalSeconds, options.Qps, options.Burst, options.FlushInterval.TotalSeconds,
            (drained - trafficEnd).TotalSeconds, traffic, steady, restart);
    }

    /// <summary>
    /// Waits until every endpoint of the collector's catalog is a resource with the catalog's change marker; returns the
    /// catalog's endpoint count. Bounded by the time the limit needs for two writes per endpoint, plus margin.
    /// </summary>
    private async Task<int> DrainAsync(FakeKubeApiServer server, CollectorProcess collector, CancellationToken cancel)
    {
        var limit = TimeSpan.FromSeconds((options.Endpoints * 2 / options.Qps) + 300);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var catalog = JsonNode.Parse(await Http.GetStringAsync(new Uri(collector.HttpBase + "/api/v1/endpoints"), cancel))!["endpoints"]!.AsArray();
            // The status marker a projection writes folds the catalog's with the namespace, the (absent) GeoIP
            // database and the bounds.
            var written = server.List(ApiSentinelApi.ApiVersion, V1Alpha1ApiEndpoint.KubePluralName)
                .ToDictionary(r => (string)r["metadata"]!["name"]!, r => ((string?)r["status"]?["changeMarker"], (string)r["metadata"]!["namespace"]!), StringComparer.Ordinal);
            int behind = catalog.Count(e => !written.TryGetValue((string)e!["identity"]!, out var w) ||
                w.Item1 != ApiSentinel.Collector.Kubernetes.Resources.ProjectionMarker.Of((string)e["changeMarker"]!, w.Item2, "", ApiSentinel.Collector.Kubernetes.Resources.ProjectionBounds.Default));
            if (behind == 0 && catalog.Count > 0)
            {
                return catalog.Count;
            }
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{behind} of {catalog.Count} endpoints still not written with their latest status after {limit.TotalSeconds:0} s");
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancel);
        }
    }

    private void Log(string message) => Console.Error.WriteLine($"[bench] seed {options.Seed}: {message}");
}
