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
        await using var sensor = await OpenAsync(_certificates.TrustedClient(), token: null, "cert-sensor");
        Assert.Equal(1UL, await sensor.SendAsync(1, [TestCalls.Call("tls.test", "/secure")]));
        await _collector.WaitForAsync("/api/v1/endpoints", c => TestCollector.TotalRequests(c) == 1);
    }

    [Fact]
    public async Task An_untrusted_client_certificate_is_refused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => OpenAsync(_certificates.StrangerClient(), token: null, "stranger"));
        Assert.NotEqual(StatusCode.OK, error.StatusCode);
        var sensors = await _collector.GetJsonAsync("/api/v1/sensors");
        Assert.Empty(sensors.GetProperty("sensors").EnumerateArray());
    }

    [Fact]
    public async Task Over_tls_without_a_certificate_the_token_still_authenticates_and_nothing_else_does()
    {
        await using var sensor = await OpenAsync(certificate: null, TestCollector.Token, "token-sensor");
        Assert.Equal(1UL, await sensor.SendAsync(1, [TestCalls.Call("tls.test", "/token")]));
        var error = await Assert.ThrowsAsync<RpcException>(() => OpenAsync(certificate: null, token: null, "nobody"));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    private Task<SensorStream> OpenAsync(X509Certificate2? certificate, string? token, string sensorId)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, server, _, _) => server is not null && TrustedByTestCa(server);
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }
        var channel = _collector.Channel(handler);
        return SensorStream.OpenAsync(new IngestClient(channel), channel, TestCollector.Bearer(token), sensorId, Guid.NewGuid().ToString("N"));
    }

    private bool TrustedByTestCa(X509Certificate server)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_certificates.Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(server);
        return chain.Build(certificate);
    }
}
