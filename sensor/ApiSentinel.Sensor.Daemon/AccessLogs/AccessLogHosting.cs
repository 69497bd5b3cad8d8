using ApiSentinel.Sensor.AccessLogs;
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
    /// <param name="services">The host's services.</param>
    /// <param name="service">Created by the daemon, which also reconfigures it and reads its counters; registered as
    /// this instance so gRPC serves the same one.</param>
    public static void AddServices(IServiceCollection services, AccessLogIngestService service)
    {
        // Larger messages are refused by gRPC (RESOURCE_EXHAUSTED) and counted by the service.
        services.AddGrpc(o => o.MaxReceiveMessageSize = AccessLogIngestService.MaxReceiveMessageSize);
        services.AddSingleton(service);
    }

    public static void Map(WebApplication app) => app.MapGrpcService<AccessLogIngestService>();
}
