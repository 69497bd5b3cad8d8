using System.Text.Json;
using ApiSentinel.Collector.Service.Configuration;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using IngestClient = ApiSentinel.Ingest.V1Alpha1.Ingest.IngestClient;

namespace ApiSentinel.Collector.Service.Tests.Infrastructure;

/// <summary>
/// The collector in the test process, built exactly as <c>Program</c> builds it (command line → configuration →
/// options → <see cref="CollectorApplication"/>), on free loopback ports, with its own state directory and token.
/// </summary>
internal sealed class TestCollector : IAsyncDisposable
{
    public const string Token = "test-token-0123456789";

    private readonly WebApplication _app;
    private readonly bool _ownsDirectory;

    private TestCollector(WebApplication app, string directory, bool ownsDirectory, int grpcPort, int httpPort, string scheme)
    {
        _app = app;
        Directory = directory;
        _ownsDirectory = ownsDirectory;
        GrpcAddress = new Uri($"{scheme}://127.0.0.1:{grpcPort}");
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Directory { get; }

    public string StateDir => Path.Combine(Directory, "state");

    public string TokenFile => Path.Combine(Directory, "token");

    public Uri GrpcAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a collector; <paramref name="extraArgs"/> are appended to the command line.</summary>
    public static async Task<TestCollector> StartAsync(IEnumerable<string>? extraArgs = null, string? directory = null, bool tls = false)
    {
        var ownsDirectory = directory is null;
        directory ??= System.IO.Directory.CreateTempSubdirectory("apisentinel-collector-test-").FullName;
        var tokenFile = Path.Combine(directory, "token");
        if (!File.Exists(tokenFile))
        {
            await File.WriteAllTextAsync(tokenFile, Token + "\n");
        }
        var grpcPort = FreePort.Next();
        var httpPort = FreePort.Next();
        string[] args =
        [
            "--grpc-listen", $"127.0.0.1:{grpcPort}", "--http-listen", $"127.0.0.1:{httpPort}",
            "--token-file", tokenFile, "--state-dir", Path.Combine(directory, "state"),
            "--build-interval", "00:00:00.100", .. HermeticKubernetes.Arguments(extraArgs),
        ];
        var configuration = CollectorConfiguration.Build(args);
        var app = CollectorApplication.Build(CollectorConfiguration.Bind(configuration), configuration,
            kubernetesHost: HermeticKubernetes.Host);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var collector = new TestCollector(app, directory, ownsDirectory, grpcPort, httpPort, tls ? "https" : "http");
        await collector.WaitReadyAsync();
        return collector;
    }

    public GrpcChannel Channel(HttpMessageHandler? handler = null) =>
        GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            Credentials = GrpcAddress.Scheme == "https" ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure,
        });

    public static Metadata Bearer(string? token) => token is null ? [] : new Metadata { { "authorization", "Bearer " + token } };

    public async Task<SensorStream> SensorAsync(string sensorId = "sensor-a", string? instanceId = null, string? token = Token)
    {
        var channel = Channel();
        return await SensorStream.OpenAsync(new IngestClient(channel), channel, Bearer(token), sensorId, instanceId ?? Guid.NewGuid().ToString("N"));
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Polls until <paramref name="done"/> holds for the JSON at <paramref name="path"/> (a build runs every 100 ms); fails after 60 s.</summary>
    public async Task<JsonElement> WaitForAsync(string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var json = await GetJsonAsync(path);
            if (done(json))
            {
                return json;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{path} never satisfied the condition; last: {json}");
            await Task.Delay(50);
        }
    }

    /// <summary>Total requests over the endpoints list of <c>/api/v1/endpoints</c>.</summary>
    public static long TotalRequests(JsonElement catalog) =>
        catalog.GetProperty("endpoints").EnumerateArray().Concat(catalog.GetProperty("staticAssets").EnumerateArray())
            .Sum(e => e.GetProperty("requests").GetInt64());

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await Http.GetAsync(new Uri("/readyz", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "the collector never became ready");
            await Task.Delay(50);
        }
    }

    public async Task StopAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await _app.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        if (_ownsDirectory)
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
