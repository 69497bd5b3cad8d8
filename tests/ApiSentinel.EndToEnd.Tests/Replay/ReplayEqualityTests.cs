namespace ApiSentinel.EndToEnd.Tests.Replay;

/// <summary>
/// Networked mode equals embedded mode: <c>apisentinel-sensor --pcap</c> into a fresh <c>apisentinel-collector</c>
/// gives the same catalog, through <c>GET /api/v1/endpoints</c>, as <c>apisentinel analyze --format json</c> on
/// the same captures.
/// </summary>
public sealed class ReplayEqualityTests
{
    public static TheoryData<string> Captures => new()
    {
        "samples/demo.pcap",
        "tests/corpus/zeek-http",
    };

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task A_replay_through_the_collector_gives_the_catalog_analyze_gives(string source)
    {
        string path = Path.Combine(RepositoryPaths.Root, source);
        var captures = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.pcap").Order(StringComparer.Ordinal).ToList()
            : [path];
        var embedded = CliRun.Analyze(captures);
        Assert.True(embedded.TotalRequests > 0, "the reference catalog is empty: nothing would be compared");

        using var work = new TemporaryDirectory();
        using var collector = new CollectorService(work);
        await collector.StartAsync();
        using var sensor = SensorProcess.StartReplay(collector.GrpcUrl, TestTokens.WriteFile(work, "sensor.token", TestTokens.Valid),
            "replay-sensor", captures);
        Assert.Equal(0, sensor.Process.WaitForExit(TimeSpan.FromMinutes(2)));

        // Acknowledged means durable, not yet built into the published catalog: wait for the build to include it all.
        var networked = await Eventually.MatchAsync(() => collector.GetCatalogAsync(),
            catalog => catalog.TotalRequests == embedded.TotalRequests, "every call in the collector's catalog",
            () => sensor.Process.Describe() + "\n" + collector.Describe());

        CatalogAssert.JsonEqual(embedded.Endpoints, networked.Endpoints, "endpoints of analyze and of the collector");
    }
}
