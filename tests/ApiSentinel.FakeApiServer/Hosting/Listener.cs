using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.FakeApiServer.Hosting;

/// <summary>
/// Kestrel on loopback, plain HTTP, serving one request handler. It can stop (connections refused, open watches cut)
/// and start again on the same port while the server's state lives on outside it.
/// </summary>
internal sealed class Listener(Func<HttpContext, CancellationToken, Task> handler) : IAsyncDisposable
{
    private WebApplication? _app;
    private CancellationTokenSource? _listening;

    public int Port { get; private set; }

    public async Task StartAsync(int port, CancellationToken ct)
    {
        if (_app is not null)
        {
            return;
        }
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        // Open watches end as soon as the listener stops; nothing should hold a stop for long.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var listening = new CancellationTokenSource();
        app.Run(context => handler(context, listening.Token));
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        (_app, _listening) = (app, listening);
    }

    public async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }
        var (app, listening) = (_app, _listening!);
        (_app, _listening) = (null, null);
        await listening.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        listening.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
