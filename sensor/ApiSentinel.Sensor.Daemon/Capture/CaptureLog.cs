using Microsoft.Extensions.Logging;

namespace ApiSentinel.Sensor.Daemon.Capture;

/// <summary>Capture's log lines: devices, files and counts, never packet content.</summary>
internal static partial class CaptureLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "capture {Name} started")]
    public static partial void Started(ILogger logger, string name);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "capture {Name} ended: {Frames} frames, {Exchanges} exchanges")]
    public static partial void Ended(ILogger logger, string name, long frames, long exchanges);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "capture {Name} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "capture {Name}: libpcap refused a setting: {Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string name, string warning);
}
