using ApiSentinel.Sensor.AccessLogs;
using ApiSentinel.Sensor.Extraction;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ApiSentinel.Sensor.Daemon.AccessLogs;

/// <summary>
/// Hosts Envoy's gRPC Access Log Service (<see cref="AccessLogIngestService"/>, from the sensor library) on
/// <c>--als-listen</c>: the entries carry raw header values, so they go through the sensor's extractor here, and
/// only the records leave, by the same queue as captured ones.
/// </summary>
internal static class AccessLogHosting
{
    public static void AddServices(IServiceCollection services, ExtractionOptions extraction, Action<ExchangeRecord> emit,
        AccessLogCounters counters, TimeProvider time)
    {
        // Larger messages are refused by gRPC (RESOURCE_EXHAUSTED) and counted by the service.
        services.AddGrpc(o => o.MaxReceiveMessageSize = AccessLogIngestService.MaxReceiveMessageSize);
        services.AddSingleton(new AccessLogIngestService(extraction, emit, counters, time));
    }

    public static void Map(WebApplication app) => app.MapGrpcService<AccessLogIngestService>();
}
