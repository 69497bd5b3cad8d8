namespace ApiSentinel.EndToEnd.Tests.Live;

/// <summary>
/// Production shape, for real: nginx in a network namespace, curl in the root namespace, joined by a veth pair;
/// <c>apisentinel-sensor</c> captures live on the root-side veth end and streams to <c>apisentinel-collector</c>
/// on loopback; the test reads the catalog through the collector's HTTP API only.
/// </summary>
public sealed class LiveCaptureTests
{
    [NetnsFact]
    public async Task Live_traffic_on_a_veth_reaches_the_collector_with_templates_and_auth_kinds()
    {
        using var work = new TemporaryDirectory();
        using var pair = NetworkNamespacePair.Create();
        using var server = NginxJsonApi.Start(pair, work);
        using var collector = new CollectorService(work);
        await collector.StartAsync();
        using var recorder = PacketRecorder.Start(pair.HostInterface, "tcp port 80", work.File("veth.pcap"));
        using var sensor = SensorProcess.StartLive(collector.GrpcUrl, TestTokens.WriteFile(work, "sensor.token", TestTokens.Valid),
            "live-sensor", pair.HostInterface);
        await sensor.WaitUntilReadyAsync();

        LiveApiTraffic.Send(server);

        string describe() => $"{sensor.Process.Describe()}\n{collector.Describe()}\n{server.Describe()}";
        var catalog = await Eventually.MatchAsync(() => collector.GetCatalogAsync(),
            catalog => catalog.TotalRequests >= LiveApiTraffic.TotalRequests, "all live calls in the collector's catalog", describe);
        CatalogAssert.HasEndpoints(catalog, LiveApiTraffic.Host, LiveApiTraffic.Expected);
        Assert.Equal(LiveApiTraffic.TotalRequests, catalog.TotalRequests);

        // The same traffic recorded by tcpdump, through the embedded CLI: the networked catalog says the same.
        recorder.Stop();
        var embedded = CliRun.Analyze([recorder.Path]);
        Assert.Equal(embedded.RequestsByEndpoint, catalog.RequestsByEndpoint);
        foreach (var endpoint in embedded.Endpoints.OfType<System.Text.Json.Nodes.JsonObject>())
        {
            var live = catalog.Find((string)endpoint["method"]!, (string)endpoint["path"]!, (string)endpoint["host"]!)!;
            CatalogAssert.JsonEqual(endpoint["auth"], live["auth"], $"auth of {endpoint["method"]} {endpoint["path"]}");
            CatalogAssert.JsonEqual(endpoint["sensitiveData"], live["sensitiveData"], $"sensitive data of {endpoint["method"]} {endpoint["path"]}");
            CatalogAssert.JsonEqual(endpoint["template"], live["template"], $"template of {endpoint["method"]} {endpoint["path"]}");
        }

        // The API's filters on live data: by host, and by time range over the stored hourly usage (stored at each
        // checkpoint, hence the wait), with the wall-clock timestamps live capture gives.
        Assert.Equal(catalog.RequestsByEndpoint, (await collector.GetCatalogAsync($"?host={LiveApiTraffic.Host}")).RequestsByEndpoint);
        Assert.Empty((await collector.GetCatalogAsync("?host=elsewhere.e2e.test")).Endpoints);
        string lastHour = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        string longAgo = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-2).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        var recent = await Eventually.MatchAsync(() => collector.GetCatalogAsync($"?since={lastHour}"),
            recent => recent.TotalRequests >= LiveApiTraffic.TotalRequests, "the calls in the last hour's usage", describe);
        Assert.Equal(catalog.RequestsByEndpoint, recent.RequestsByEndpoint);
        Assert.Empty((await collector.GetCatalogAsync($"?until={longAgo}")).Endpoints);

        // One endpoint with its hourly usage: the buckets add up to its calls.
        var users = catalog.Find("GET", "/api/users/{userId}", LiveApiTraffic.Host)!;
        var detail = await collector.GetJsonAsync("/api/v1/endpoints/" + Uri.EscapeDataString((string)users["identity"]!));
        long hourly = detail["usage"]!.AsArray().Sum(bucket => bucket!["requests"]!.GetValue<long>());
        Assert.Equal(LiveApiTraffic.UserIds.Length, hourly);

        var sensors = await collector.GetJsonAsync("/api/v1/sensors");
        Assert.Contains("live-sensor", sensors.ToJsonString(), StringComparison.Ordinal);
    }
}
