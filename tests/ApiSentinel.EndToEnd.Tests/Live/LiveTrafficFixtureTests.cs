namespace ApiSentinel.EndToEnd.Tests.Live;

/// <summary>
/// The live tests' world without ApiSentinel in it: nginx in a namespace, curl in the root namespace, tcpdump on
/// the veth. Proves the traffic really flows and really carries every planted secret — the positive control that
/// makes the privacy sweep's "found nowhere" mean something — and that the embedded CLI, on a recording of that
/// traffic, shows exactly <see cref="LiveApiTraffic.Expected"/> (the reference the networked tests assert).
/// </summary>
public sealed class LiveTrafficFixtureTests
{
    [NetnsFact]
    public void The_generated_traffic_crosses_the_veth_and_carries_every_planted_secret()
    {
        using var work = new TemporaryDirectory();
        using var pair = NetworkNamespacePair.Create();
        using var server = NginxJsonApi.Start(pair, work);
        using var recorder = PacketRecorder.Start(pair.HostInterface, "tcp port 80", work.File("veth.pcap"));

        LiveApiTraffic.Send(server);
        byte[] captured = recorder.Stop();

        var sweep = new SecretSweep(PlantedSecrets.Http);
        var contained = sweep.Contained(captured);
        Assert.Equal(PlantedSecrets.Http.Select(secret => secret.Name).Order(), contained.Order());

        var embedded = CliRun.Analyze([recorder.Path]);
        CatalogAssert.HasEndpoints(embedded, LiveApiTraffic.Host, LiveApiTraffic.Expected);
        Assert.Equal(LiveApiTraffic.TotalRequests, embedded.TotalRequests);
    }
}
