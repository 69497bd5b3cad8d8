using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace ApiSentinel.Sensor.Daemon.Hosting;

/// <summary>
/// The server when neither --http-listen nor --als-listen is given: Kestrel without endpoints would bind
/// localhost:5000 on its own, and an unasked-for port is a surprise (and a conflict) on a node.
/// </summary>
internal sealed class NoListenerServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
        Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
