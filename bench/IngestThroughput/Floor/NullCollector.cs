using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Bench.IngestThroughput.Floor;

/// <summary>Hosts <see cref="NullIngestService"/> on Kestrel (h2c on loopback) until SIGTERM / Ctrl-C.</summary>
internal static class NullCollector
{
    public static async Task RunAsync(int port, string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = null;
            o.EnableDetailedErrors = false;
        });
        builder.Services.AddSingleton(new NullCollectorSettings(token));
        await using var app = builder.Build();
        app.MapGrpcService<NullIngestService>();
        await app.RunAsync();
    }
}
