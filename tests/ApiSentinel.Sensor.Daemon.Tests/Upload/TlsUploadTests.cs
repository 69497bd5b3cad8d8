using ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Daemon.Tests.Upload;

/// <summary>An https collector: its certificate trusted through --collector-ca, and mTLS with --client-cert/--client-key.</summary>
public sealed class TlsUploadTests : IDisposable
{
    private readonly TemporaryFiles _files = new();
    private readonly TestCertificates _certificates = TestCertificates.Create();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task The_collector_certificate_is_trusted_through_the_given_CA_and_a_client_certificate_authenticates()
    {
        var expected = ExpectedCalls.Of(Samples.DemoPcap);
        await using var collector = await FakeCollector.StartAsync(tls: _certificates.Server, requireClientCertificateFrom: _certificates.Ca);
        var (cert, key) = _certificates.WriteClient(_files);
        await using var daemon = InProcessDaemon.Start([
            "--pcap", Samples.DemoPcap, "--collector", collector.Address.ToString(), "--token-file", _files.TokenFile(),
            "--collector-ca", _certificates.WriteCa(_files), "--client-cert", cert, "--client-key", key,
        ]);

        Assert.Equal(0, await daemon.ExitWithin());
        Assert.StartsWith("https://", collector.Address.ToString(), StringComparison.Ordinal);
        Assert.Equal(expected.Count, collector.Ledger.CallCount);
    }

    [Fact]
    public async Task Without_the_CA_the_collector_is_not_trusted_and_nothing_is_sent()
    {
        await using var collector = await FakeCollector.StartAsync(tls: _certificates.Server);
        var otherCa = TestCertificates.Create("another CA");
        await using var daemon = InProcessDaemon.Start([
            "--pcap", Samples.DemoPcap, "--collector", collector.Address.ToString(), "--token-file", _files.TokenFile(),
            "--collector-ca", _files.Write("other-ca.pem", otherCa.Ca.ExportCertificatePem()), "--ack-timeout-seconds", "2",
        ]);

        Assert.Equal(1, await daemon.ExitWithin());
        Assert.Empty(collector.Ledger.Hellos);
    }

    [Fact]
    public async Task Without_a_client_certificate_an_mTLS_collector_refuses_the_sensor()
    {
        await using var collector = await FakeCollector.StartAsync(tls: _certificates.Server, requireClientCertificateFrom: _certificates.Ca);
        await using var daemon = InProcessDaemon.Start([
            "--pcap", Samples.DemoPcap, "--collector", collector.Address.ToString(), "--token-file", _files.TokenFile(),
            "--collector-ca", _certificates.WriteCa(_files), "--ack-timeout-seconds", "2",
        ]);

        Assert.Equal(1, await daemon.ExitWithin());
        Assert.Empty(collector.Ledger.Hellos);
    }
}
