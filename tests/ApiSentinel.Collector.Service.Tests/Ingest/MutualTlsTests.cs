using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ApiSentinel.Collector.Service.Tests.Infrastructure;
using Grpc.Core;
using IngestClient = ApiSentinel.Ingest.V1Alpha1.Ingest.IngestClient;

namespace ApiSentinel.Collector.Service.Tests.Ingest;

public sealed class MutualTlsTests : IAsyncLifetime
{
    private DirectoryInfo _directory = null!;
    private TestCertificates _certificates = null!;
    private TestCollector _collector = null!;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("apisentinel-mtls-");
        _certificates = new TestCertificates(_directory.FullName);
        _collector = await TestCollector.StartAsync(
            ["--tls-cert", _certificates.ServerCertFile, "--tls-key", _certificates.ServerKeyFile, "--client-ca", _certificates.CaFile],
            directory: _directory.FullName, tls: true);
    }

    public async Task DisposeAsync()
    {
        await _collector.DisposeAsync();
        _certificates.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_client_certificate_from_the_client_ca_authenticates_without_a_token()
    {
        await using var sensor = await OpenAsync(_certificates.TrustedClient(), token: null, "sensor-a");
        Assert.Equal(1UL, await sensor.SendAsync(1, [TestCalls.Call("tls.test", "/secure")]));
        await _collector.WaitForAsync("/api/v1/endpoints", c => TestCollector.TotalRequests(c) == 1);
    }

    [Fact]
    public async Task A_client_certificate_issued_by_an_intermediate_the_sensor_sends_is_accepted()
    {
        // Only the root is in --client-ca: the chain is built from the intermediate the client sent in the handshake.
        using var certificate = _certificates.IntermediateClient();
        var context = SslStreamCertificateContext.Create(certificate, [_certificates.Intermediate], offline: true);
        await using var sensor = await OpenWithChainAsync(context, token: null, "sensor-a");
        Assert.Equal(1UL, await sensor.SendAsync(1, [TestCalls.Call("tls.test", "/chained")]));
    }

    [Fact]
    public async Task An_untrusted_client_certificate_is_refused_unauthenticated_and_counted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => OpenAsync(_certificates.StrangerClient(), token: null, "stranger"));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(1, Metrics.Value(await _collector.GetTextAsync("/metrics"), "streams_refused", "unauthenticated"));
        var sensors = await _collector.GetJsonAsync("/api/v1/sensors");
        Assert.Empty(sensors.GetProperty("sensors").EnumerateArray());
    }

    [Fact]
    public async Task An_untrusted_client_certificate_is_refused_even_with_a_valid_token()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => OpenAsync(_certificates.StrangerClient(), TestCollector.Token, "stranger"));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(1, Metrics.Value(await _collector.GetTextAsync("/metrics"), "streams_refused", "unauthenticated"));
    }

    [Fact]
    public async Task With_a_certificate_the_sensor_id_must_be_its_CN_or_a_DNS_name()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => OpenAsync(_certificates.TrustedClient("sensor-a"), token: null, "sensor-b"));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(1, Metrics.Value(await _collector.GetTextAsync("/metrics"), "streams_refused", "identity"));
        Assert.Empty((await _collector.GetJsonAsync("/api/v1/sensors")).GetProperty("sensors").EnumerateArray());

        await using var byDns = await OpenAsync(_certificates.TrustedClient("Sensor A", dnsName: "sensor-a.node-1.test"), token: null, "sensor-a.node-1.test");
        Assert.Equal(1UL, await byDns.SendAsync(1, [TestCalls.Call("tls.test", "/dns")]));
    }

    [Fact]
    public async Task Over_tls_without_a_certificate_the_token_still_authenticates_and_nothing_else_does()
    {
        await using var sensor = await OpenAsync(certificate: null, TestCollector.Token, "token-sensor");
        Assert.Equal(1UL, await sensor.SendAsync(1, [TestCalls.Call("tls.test", "/token")]));
        var error = await Assert.ThrowsAsync<RpcException>(() => OpenAsync(certificate: null, token: null, "nobody"));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    private Task<SensorStream> OpenAsync(X509Certificate2? certificate, string? token, string sensorId) =>
        OpenWithChainAsync(certificate is null ? null : SslStreamCertificateContext.Create(certificate, null, offline: true), token, sensorId);

    private Task<SensorStream> OpenWithChainAsync(SslStreamCertificateContext? certificate, string? token, string sensorId)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, server, sent, _) => server is not null && TrustedByTestCa(server, sent);
        handler.SslOptions.ClientCertificateContext = certificate;
        var channel = _collector.Channel(handler);
        return SensorStream.OpenAsync(new IngestClient(channel), channel, TestCollector.Bearer(token), sensorId, Guid.NewGuid().ToString("N"));
    }

    /// <summary>Only the root is trusted and nothing is downloaded: the intermediate must come from the server (the --tls-cert bundle).</summary>
    private bool TrustedByTestCa(X509Certificate server, X509Chain? sent)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_certificates.Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (sent is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(sent.ChainPolicy.ExtraStore);
        }
        using var certificate = new X509Certificate2(server);
        return chain.Build(certificate);
    }
}
