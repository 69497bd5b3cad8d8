using ApiSentinel.Ingest.Envoy.Config.Core.V3;
using ApiSentinel.Ingest.Envoy.Data.AccessLog.V3;
using ApiSentinel.Ingest.Envoy.Service.AccessLog.V3;
using ApiSentinel.Sensor.Daemon.Tests.Infrastructure;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using ApiSentinel.Sensor.AccessLogs;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiSentinel.Sensor.Daemon.Tests.AccessLogs;

/// <summary>Envoy access logs into the daemon's --als-listen, through the extractor, out to the collector.</summary>
public sealed class AccessLogHostingTests : IDisposable
{
    private const string PlantedBearer = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkLXVzZXIifQ.c2VjcmV0LXNpZ25hdHVyZS12YWx1ZQ";
    private const string PlantedApiKey = "ak_live_PLANTED_5f2e8c1d9b7a";

    private readonly TemporaryFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Access_log_entries_reach_the_collector_as_redacted_calls_with_their_auth_kinds()
    {
        await using var collector = await FakeCollector.StartAsync();
        await using var daemon = InProcessDaemon.Start([
            "--als-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0", "--collector", collector.Address.ToString(),
            "--token-file", _files.TokenFile(), "--batch-interval-ms", "20",
        ]);
        var sensor = await daemon.Started;
        Assert.NotNull(sensor.AlsAddress);

        using (var channel = GrpcChannel.ForAddress(sensor.AlsAddress!))
        {
            var client = new AccessLogService.AccessLogServiceClient(channel);
            using var call = client.StreamAccessLogs();
            var message = new StreamAccessLogsMessage
            {
                Identifier = new StreamAccessLogsMessage.Types.Identifier { Node = new Node { Id = "sidecar~198.51.100.20~orders" }, LogName = "als" },
                HttpLogs = new StreamAccessLogsMessage.Types.HTTPAccessLogEntries(),
            };
            message.HttpLogs.LogEntry.Add(Entry(RequestMethod.Get, "/api/orders/42", ("authorization", $"Bearer {PlantedBearer}")));
            message.HttpLogs.LogEntry.Add(Entry(RequestMethod.Post, "/api/orders", ("x-api-key", PlantedApiKey)));
            message.HttpLogs.LogEntry.Add(Entry(RequestMethod.Get, $"/api/search?api_key={PlantedApiKey}"));
            await call.RequestStream.WriteAsync(message);
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(60));
        }

        await WaitUntil(() => collector.Ledger.CallCount >= 3);
        var calls = collector.Ledger.Calls;
        Assert.Equal(3, calls.Count);
        Assert.Equal(["GET /api/orders/42 jwt", "GET /api/search api-key", "POST /api/orders api-key"],
            calls.Select(c => $"{c.Method} {c.Path} {c.Auth}").Order());
        Assert.All(calls, c => Assert.Equal("orders.shop.svc", c.Host));
        foreach (var c in calls)
        {
            var wire = c.ToByteString().ToStringUtf8() + JsonFormatter.Default.Format(c);
            Assert.DoesNotContain(PlantedBearer, wire, StringComparison.Ordinal);
            Assert.DoesNotContain("PLANTED", wire, StringComparison.Ordinal);
        }
        Assert.Contains(collector.Ledger.Hellos[0].Capabilities, c => c == Ingest.SensorCapabilities.EnvoyAccessLog);
        Assert.Equal(Ingest.V1Alpha1.CaptureMode.AccessLog, collector.Ledger.Hellos[0].CaptureMode);

        using var http = new HttpClient { BaseAddress = sensor.HttpAddress };
        var metrics = await http.GetStringAsync("/metrics").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains("apisentinel_sensor_als_http_entries_total 3", metrics, StringComparison.Ordinal);
        Assert.Contains("apisentinel_sensor_als_exchanges_total 3", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("PLANTED", metrics, StringComparison.Ordinal);

        daemon.Stop();
        Assert.Equal(0, await daemon.ExitWithin());
        Assert.DoesNotContain(daemon.Logs.Lines, l => l.Message.Contains("PLANTED", StringComparison.Ordinal) || l.Message.Contains(PlantedBearer, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_detector_the_collector_pushes_applies_to_access_log_entries()
    {
        await using var collector = await FakeCollector.StartAsync();
        var config = new Ingest.V1Alpha1.SensorConfig { Version = 7 };
        config.Detectors.Add(new Ingest.V1Alpha1.CustomDetector { Name = "employee-id", Pattern = "EMP-[0-9]{6}" });
        collector.Behaviour.ConfigsToPush.Enqueue(config);
        await using var daemon = InProcessDaemon.Start([
            "--als-listen", "127.0.0.1:0", "--collector", collector.Address.ToString(), "--token-file", _files.TokenFile(),
            "--batch-interval-ms", "20",
        ]);
        var sensor = await daemon.Started;
        await WaitUntil(() => daemon.Logs.Contains("configuration version 7 applied"));
        // Announced although nothing is captured: the access-log input takes scope, detectors, sampling, body limit.
        Assert.Contains(collector.Ledger.Hellos[0].Capabilities, c => c == Ingest.SensorCapabilities.CustomDetectors);
        Assert.Contains(collector.Ledger.Hellos[0].Capabilities, c => c == Ingest.SensorCapabilities.CaptureScope);

        using (var channel = GrpcChannel.ForAddress(sensor.AlsAddress!))
        {
            var client = new AccessLogService.AccessLogServiceClient(channel);
            using var call = client.StreamAccessLogs();
            var message = new StreamAccessLogsMessage
            {
                Identifier = new StreamAccessLogsMessage.Types.Identifier { Node = new Node { Id = "sidecar~198.51.100.20~orders" }, LogName = "als" },
                HttpLogs = new StreamAccessLogsMessage.Types.HTTPAccessLogEntries(),
            };
            message.HttpLogs.LogEntry.Add(Entry(RequestMethod.Get, "/api/staff?emp=EMP-123456"));
            await call.RequestStream.WriteAsync(message);
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(60));
        }

        await WaitUntil(() => collector.Ledger.CallCount >= 1);
        var received = Assert.Single(collector.Ledger.Calls);
        Assert.Contains(received.Sensitive, s => s.Type == "employee-id");
        Assert.DoesNotContain("EMP-123456", JsonFormatter.Default.Format(received), StringComparison.Ordinal);
        daemon.Stop();
        Assert.Equal(0, await daemon.ExitWithin());
    }

    [Fact]
    public async Task The_ALS_listener_has_the_sensor_library_s_connection_and_stream_limits()
    {
        await using var collector = await FakeCollector.StartAsync();
        await using var daemon = InProcessDaemon.Start([
            "--als-listen", "127.0.0.1:0", "--collector", collector.Address.ToString(), "--token-file", _files.TokenFile(),
        ]);
        var sensor = await daemon.Started;

        var limits = sensor.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        Assert.Equal(AccessLogIngestService.RecommendedMaxConcurrentConnections, limits.MaxConcurrentConnections);
        Assert.Equal(AccessLogIngestService.RecommendedMaxStreamsPerConnection, limits.Http2.MaxStreamsPerConnection);
        daemon.Stop();
        Assert.Equal(0, await daemon.ExitWithin());
    }

    private static HTTPAccessLogEntry Entry(RequestMethod method, string path, params (string Name, string Value)[] headers)
    {
        var entry = new HTTPAccessLogEntry
        {
            ProtocolVersion = HTTPAccessLogEntry.Types.HTTPVersion.Http11,
            CommonProperties = new AccessLogCommon
            {
                DownstreamRemoteAddress = Socket("192.0.2.10", 51234),
                UpstreamRemoteAddress = Socket("198.51.100.20", 8080),
                StartTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)),
                Duration = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(12)),
            },
            Request = new HTTPRequestProperties { RequestMethod = method, Scheme = "http", Authority = "orders.shop.svc", Path = path },
            Response = new HTTPResponseProperties { ResponseCode = 200 },
        };
        foreach (var (name, value) in headers)
        {
            entry.Request.RequestHeaders[name] = value;
        }
        return entry;
    }

    private static Address Socket(string ip, int port) => new() { SocketAddress = new SocketAddress { Address = ip, PortValue = (uint)port } };

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 60 s");
            await Task.Delay(20);
        }
    }
}
