using System.Net;
using ApiSentinel.Collector.Service.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Collector.Service.Tests.Telemetry;

/// <summary>
/// A web host wired the way the collector wires its telemetry — <see cref="TelemetryRegistration.AddCollectorTelemetry"/>
/// with the given configuration, <see cref="TelemetryRegistration.MapCollectorMetrics"/> — on Kestrel, 127.0.0.1, a free port.
/// </summary>
internal sealed class TelemetryHost : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private bool _stopped;

    private TelemetryHost(WebApplication app, Uri address)
    {
        _app = app;
        _http = new HttpClient { BaseAddress = address, Timeout = Bound };
    }

    public CollectorTelemetry Telemetry => _app.Services.GetRequiredService<CollectorTelemetry>();

    public IServiceProvider Services => _app.Services;

    /// <summary>Settings with short export intervals, so a bounded wait sees exports quickly.</summary>
    public static Dictionary<string, string?> Fast(params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }

    public static async Task<TelemetryHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddCollectorTelemetry(builder.Configuration);
        var app = builder.Build();
        app.MapCollectorMetrics();
        await app.StartAsync().WaitAsync(Bound);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TelemetryHost(app, new Uri(address));
    }

    public async Task<string> ScrapeAsync()
    {
        using var response = await _http.GetAsync(new Uri(TelemetryRegistration.MetricsPath, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Stops the host: the OpenTelemetry providers flush and shut down, so whatever was going out has gone.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync().WaitAsync(Bound);
            await _app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await StopAsync();
    }
}
