using System.Collections.Concurrent;
using System.Net;
using ApiSentinel.Collector.Service.Tests.Otlp.Collector.Logs;
using ApiSentinel.Collector.Service.Tests.Otlp.Collector.Metrics;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Collector.Service.Tests.Telemetry;

/// <summary>
/// An in-process OTLP receiver: Kestrel on 127.0.0.1 with the collector services of opentelemetry-proto —
/// <c>opentelemetry.proto.collector.metrics.v1.MetricsService/Export</c> and <c>…logs.v1.LogsService/Export</c> over
/// h2c gRPC on one port, and OTLP/HTTP (<c>POST /v1/metrics</c>, <c>/v1/logs</c>, binary protobuf) on another. Every
/// request is kept for the test to read.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, Inbox inbox)
    {
        _app = app;
        Received = inbox;
    }

    public Inbox Received { get; }

    /// <summary>The OTLP/gRPC endpoint (h2c).</summary>
    public Uri GrpcEndpoint { get; private set; } = null!;

    /// <summary>The OTLP/HTTP base endpoint (the exporter appends /v1/metrics and /v1/logs).</summary>
    public Uri HttpEndpoint { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var inbox = new Inbox();
        builder.Services.AddSingleton(inbox);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<MetricsReceiver>();
        app.MapGrpcService<LogsReceiver>();
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            inbox.Metrics.Enqueue(ExportMetricsServiceRequest.Parser.ParseFrom(await ReadBody(request)));
            return Results.Bytes(new ExportMetricsServiceResponse().ToByteArray(), "application/x-protobuf");
        });
        app.MapPost("/v1/logs", async (HttpRequest request) =>
        {
            inbox.Logs.Enqueue(ExportLogsServiceRequest.Parser.ParseFrom(await ReadBody(request)));
            return Results.Bytes(new ExportLogsServiceResponse().ToByteArray(), "application/x-protobuf");
        });
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var receiver = new OtlpReceiver(app, inbox);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        // Kestrel reports the endpoints in the order they were configured: the HTTP/2 one first.
        receiver.GrpcEndpoint = addresses[0];
        receiver.HttpEndpoint = addresses[1];
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await _app.DisposeAsync();
    }

    private static async Task<byte[]> ReadBody(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return body.ToArray();
    }

    /// <summary>What arrived, in arrival order.</summary>
    internal sealed class Inbox
    {
        public ConcurrentQueue<ExportMetricsServiceRequest> Metrics { get; } = new();

        public ConcurrentQueue<ExportLogsServiceRequest> Logs { get; } = new();
    }

    private sealed class MetricsReceiver(Inbox inbox) : MetricsService.MetricsServiceBase
    {
        public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
        {
            inbox.Metrics.Enqueue(request);
            return Task.FromResult(new ExportMetricsServiceResponse());
        }
    }

    private sealed class LogsReceiver(Inbox inbox) : LogsService.LogsServiceBase
    {
        public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
        {
            inbox.Logs.Enqueue(request);
            return Task.FromResult(new ExportLogsServiceResponse());
        }
    }
}
