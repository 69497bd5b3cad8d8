using System.Text.Json.Nodes;

namespace ApiSentinel.EndToEnd.Tests.Privacy;

/// <summary>
/// DESIGN.md's privacy rule, proved on every channel downstream of the sensor's extractor: secrets planted in
/// live HTTP traffic (headers, query, cookie, JSON bodies both ways) and in Envoy access-log entries appear in
/// none of the sensor→collector gRPC bytes, the collector's state files, either process's logs, any HTTP API
/// response, or the collector's OTLP metrics and finding-log payloads. Positive controls make the search real: the
/// captures of the HTTP traffic and of the access-log stream DO contain every planted value, the gRPC capture does
/// contain the calls (so it is not empty or compressed), and the OTLP payloads do contain the metrics and the
/// finding records (a scanner burst with planted values in its paths makes the findings).
/// </summary>
public sealed class PrivacySweepTests
{
    [NetnsFact]
    public async Task No_planted_secret_appears_in_grpc_bytes_state_files_logs_or_api_responses()
    {
        using var work = new TemporaryDirectory();
        using var pair = NetworkNamespacePair.Create();
        using var server = NginxJsonApi.Start(pair, work);
        using var otlp = new OtlpHttpSink();
        using var collector = new CollectorService(work, environment: otlp.Environment);
        await collector.StartAsync();
        using var grpcRecorder = PacketRecorder.Start("lo", $"tcp port {collector.GrpcPort}", work.File("grpc.pcap"));
        using var httpRecorder = PacketRecorder.Start(pair.HostInterface, "tcp port 80", work.File("http.pcap"));
        using var sensor = SensorProcess.StartLive(collector.GrpcUrl, TestTokens.WriteFile(work, "sensor.token", TestTokens.Valid),
            "privacy-sensor", pair.HostInterface, withAccessLogs: true);
        using var alsRecorder = PacketRecorder.Start("lo", $"tcp port {sensor.AccessLogPort}", work.File("als.pcap"));
        await sensor.WaitUntilReadyAsync();
        string describe() => sensor.Process.Describe() + "\n" + collector.Describe();

        LiveApiTraffic.Send(server);
        LiveApiTraffic.SendScannerBurst(server);
        await EnvoyAccessLogTraffic.SendAsync(sensor.AccessLogPort!.Value);
        int total = LiveApiTraffic.TotalRequests + EnvoyAccessLogTraffic.TotalRequests;
        var catalog = await Eventually.MatchAsync(() => collector.GetCatalogAsync(), catalog => catalog.TotalRequests >= total,
            "every planted call in the catalog", describe);
        // The secrets were seen — detected and classified — not merely lost on the way.
        CatalogAssert.HasEndpoints(catalog, LiveApiTraffic.Host, LiveApiTraffic.Expected);
        CatalogAssert.HasEndpoints(catalog, EnvoyAccessLogTraffic.Host, EnvoyAccessLogTraffic.Expected);

        await Eventually.MatchAsync(() => collector.GetAsync("/api/v1/findings"), findings => findings.Contains("\"scanner\"", StringComparison.Ordinal),
            "the scanner finding", describe);
        await Eventually.MatchAsync(() => Task.FromResult(otlp.Bodies(OtlpPaths.Logs).Any(body => Contains(body, OtlpPaths.FindingKindAttribute))),
            received => received, "a finding log record over OTLP", describe);
        await Eventually.MatchAsync(() => Task.FromResult(otlp.Bodies(OtlpPaths.Metrics).Any(body => Contains(body, OtlpPaths.CallsIngestedMetric))),
            received => received, "the collector's metrics over OTLP", describe);

        var responses = await ApiResponsesAsync(collector, sensor, catalog);

        // Graceful stops: the sensor flushes, the collector checkpoints its catalog into the state directory.
        sensor.Process.Signal("TERM");
        sensor.Process.WaitForExit(TimeSpan.FromSeconds(60));
        collector.Current.Signal("TERM");
        collector.Current.WaitForExit(TimeSpan.FromSeconds(60));
        byte[] grpc = grpcRecorder.Stop();
        byte[] http = httpRecorder.Stop();
        byte[] als = alsRecorder.Stop();

        var secrets = PlantedSecrets.Http.Concat(PlantedSecrets.AccessLog).ToList();
        var sweep = new SecretSweep(secrets);
        Assert.Equal(PlantedSecrets.Http.Select(s => s.Name).Order(), sweep.Contained(http).Order());
        Assert.Equal(PlantedSecrets.AccessLog.Select(s => s.Name).Order(), sweep.Contained(als).Order());
        var calls = new SecretSweep([("live host", LiveApiTraffic.Host), ("access-log host", EnvoyAccessLogTraffic.Host),
            ("live path", "/api/payments"), ("access-log path", "/v2/carts")]);
        Assert.Equal(4, calls.Contained(grpc).Count);

        sweep.Search("sensor→collector gRPC capture", grpc);
        Assert.True(sweep.SearchDirectory("collector state", collector.StateDirectory) > 0, "the state directory is empty: nothing was searched");
        sweep.Search("sensor log", sensor.Process.Output);
        sweep.Search("collector log", collector.AllOutput);
        foreach (var (url, body) in responses)
        {
            sweep.Search(url, body);
        }
        foreach (string path in (string[])[OtlpPaths.Metrics, OtlpPaths.Logs])
        {
            var bodies = otlp.Bodies(path);
            for (int i = 0; i < bodies.Count; i++)
            {
                sweep.Search($"OTLP {path} payload {i + 1}", bodies[i]);
            }
        }
        Assert.True(sweep.Findings.Count == 0, string.Join("\n", sweep.Findings) + "\nsearched:\n" + string.Join("\n", sweep.Searched));
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>Every HTTP API answer of both processes: the catalog in its filtered forms, each endpoint, findings, sensors, metrics.</summary>
    private static async Task<List<(string Url, string Body)>> ApiResponsesAsync(CollectorService collector, SensorProcess sensor, CatalogDocument catalog)
    {
        var urls = new List<string>
        {
            collector.HttpBase + "/api/v1/endpoints",
            collector.HttpBase + $"/api/v1/endpoints?host={LiveApiTraffic.Host}",
            collector.HttpBase + "/api/v1/endpoints?risk=high",
            collector.HttpBase + $"/api/v1/endpoints?since={DateTimeOffset.UtcNow.AddHours(-2):yyyy-MM-ddTHH:mm:ssZ}",
            collector.HttpBase + "/api/v1/findings",
            collector.HttpBase + "/api/v1/sensors",
            collector.HttpBase + "/metrics",
            collector.HttpBase + "/healthz",
            collector.HttpBase + "/readyz",
            sensor.HttpBase + "/metrics",
            sensor.HttpBase + "/healthz",
            sensor.HttpBase + "/readyz",
        };
        urls.AddRange(catalog.Endpoints.OfType<JsonObject>().Select(endpoint => collector.HttpBase + "/api/v1/endpoints/" + Uri.EscapeDataString((string)endpoint["identity"]!)));
        var responses = new List<(string, string)>();
        foreach (string url in urls)
        {
            var response = await ServiceHttp.GetAsync(url);
            responses.Add(($"GET {url} ({(int)response.Status})", response.Body));
        }
        return responses;
    }
}
