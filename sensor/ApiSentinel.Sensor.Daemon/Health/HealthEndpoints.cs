using ApiSentinel.Sensor.Daemon.Capture;
using ApiSentinel.Sensor.Daemon.Upload;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApiSentinel.Sensor.Daemon.Health;

/// <summary>
/// /healthz: the process is alive and serving. /readyz: capture is running and the collector has answered at least
/// once (after that, a collector outage is the queue's job, not a reason to restart the sensor).
/// </summary>
internal static class HealthEndpoints
{
    public const string Liveness = "/healthz";
    public const string Readiness = "/readyz";

    public static void Map(IEndpointRouteBuilder endpoints, CaptureRunner capture, Uploader uploader)
    {
        endpoints.MapGet(Liveness, () => Results.Text("ok\n"));
        endpoints.MapGet(Readiness, () =>
        {
            if (!capture.Running)
            {
                return Results.Text("capture not running\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            if (!uploader.ConnectedOnce)
            {
                return Results.Text("not yet connected to the collector\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            return Results.Text("ready\n");
        });
    }
}
