namespace ApiSentinel.EndToEnd.Tests.Replay;

/// <summary>
/// Networked mode equals embedded mode: <c>apisentinel-sensor --pcap</c> into a fresh <c>apisentinel-collector</c>
/// gives the same catalog document, through <c>GET /api/v1/endpoints</c>, as <c>apisentinel analyze --format json</c>
/// on the same captures (and the same spec). The whole document is compared — endpoints, static assets, findings,
/// probed paths, unused spec operations — with nothing excluded: timestamps are the capture's own (event time),
/// so no field legitimately differs.
/// </summary>
public sealed class ReplayEqualityTests
{
    public static TheoryData<string, string?> Captures => new()
    {
        { "samples/demo.pcap", null },
        { "samples/demo.pcap", "samples/demo-api.openapi.yaml" },
        { "tests/corpus/zeek-http", null },
    };

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task A_replay_through_the_collector_gives_the_catalog_analyze_gives(string source, string? spec)
    {
        string path = Path.Combine(RepositoryPaths.Root, source);
        var captures = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.pcap").Order(StringComparer.Ordinal).ToList()
            : [path];
        string[] specArguments = spec is null ? [] : ["--spec", Path.Combine(RepositoryPaths.Root, spec)];
        var embedded = CliRun.Analyze(captures, specArguments);
        Assert.True(embedded.TotalRequests > 0, "the reference catalog is empty: nothing would be compared");

        using var work = new TemporaryDirectory();
        using var collector = new CollectorService(work, specArguments);
        await collector.StartAsync();
        using var sensor = SensorProcess.StartReplay(collector.GrpcUrl, TestTokens.WriteFile(work, "sensor.token", TestTokens.Valid),
            "replay-sensor", captures);
        Assert.Equal(0, sensor.Process.WaitForExit(TimeSpan.FromMinutes(2)));

        // Acknowledged means durable, not yet built into the published catalog: wait for the build to include it all.
        var networked = await Eventually.MatchAsync(() => collector.GetCatalogAsync(),
            catalog => catalog.TotalRequests == embedded.TotalRequests, "every call in the collector's catalog",
            () => sensor.Process.Describe() + "\n" + collector.Describe());

        CatalogAssert.JsonEqual(embedded.Root, networked.Root, "the catalog documents of analyze and of the collector");
    }
}
