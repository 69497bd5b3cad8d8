using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Collector.Service.Sensors;

/// <summary>How the API names a sensor's capture mode.</summary>
public static class CaptureModes
{
    public const string Unspecified = "unspecified";
    public const string Live = "live";
    public const string Replay = "replay";
    public const string AccessLog = "access-log";

    public static string Name(CaptureMode mode) => mode switch
    {
        CaptureMode.Live => Live,
        CaptureMode.Replay => Replay,
        CaptureMode.AccessLog => AccessLog,
        _ => Unspecified,
    };
}
