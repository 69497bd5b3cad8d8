// TEMPORARY in-branch shim of the OTEL helper's API (/work/briefs/otel.md): counts nothing, exports nothing.
// Deleted when wt/otel lands on main; nothing here is the real implementation.
#pragma warning disable CA1812, CA1822, CA1034, IDE0060
using ApiSentinel.Collector.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApiSentinel.Collector.Service.Telemetry;

public static class RefusalReasons
{
    public const string Unauthenticated = "unauthenticated";
    public const string Protocol = "protocol";
    public const string OutOfOrder = "out-of-order";
}

public static class DropReasons
{
    public const string RejectedCall = "rejected-call";
    public const string SensorQueueOverflow = "sensor-queue-overflow";
}

public sealed class CollectorTelemetry : IDisposable
{
    public const string MeterName = "apisentinel.collector";

    public void CallsIngested(string sensorId, int calls) { }
    public void BatchDuplicate(string sensorId) { }
    public void StreamRefused(string reason) { }
    public void Dropped(string reason, long count) { }
    public void SensorConnected(string sensorId) { }
    public void SensorDisconnected(string sensorId) { }
    public void IngestLag(TimeSpan lag) { }
    public void Published(CatalogSnapshot snapshot) { }
    public void Dispose() { }
}

public static class TelemetryRegistration
{
    public static IServiceCollection AddCollectorTelemetry(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<CollectorTelemetry>();

    public static IEndpointRouteBuilder MapCollectorMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", () => Results.Text("", "text/plain; version=0.0.4"));
        return app;
    }
}
