using System.Net;
using ApiSentinel.Ingest.Envoy.Service.AccessLog.V3;
using ApiSentinel.Sensor.AccessLogs;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Sensor.Tests.AccessLogs;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (a free port) serving <see cref="AccessLogIngestService"/> over h2c, the way the
/// sensor daemon hosts it, with a real gRPC client channel to it.
/// </summary>
internal sealed class AlsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AlsServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            // The client must be able to send what the server refuses.
            MaxSendMessageSize = null,
        });
        Client = new AccessLogService.AccessLogServiceClient(Channel);
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public AccessLogService.AccessLogServiceClient Client { get; }

    public static async Task<AlsServer> StartAsync(AccessLogIngestService service)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Prior-knowledge HTTP/2 without TLS (h2c): an HTTP/2-only endpoint, as Envoy's gRPC client expects.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = AccessLogIngestService.MaxReceiveMessageSize);
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        app.MapGrpcService<AccessLogIngestService>();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new AlsServer(app, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await _app.DisposeAsync();
    }
}
