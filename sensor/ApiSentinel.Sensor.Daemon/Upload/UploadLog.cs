using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>The uploader's log lines. None carries a call's content: only counts, states and the collector's status.</summary>
internal static partial class UploadLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "connected to the collector {Collector} (instance {InstanceId}; resending {Batches} unacknowledged batches)")]
    public static partial void Connected(ILogger logger, Uri collector, string instanceId, int batches);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "collector connection ended: {Reason}; reconnect {Attempt} in {DelayMs} ms")]
    public static partial void Disconnected(ILogger logger, string reason, long attempt, long delayMs);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "the collector refused this sensor: UNAUTHENTICATED (check --token-file or the client certificate)")]
    public static partial void Unauthenticated(ILogger logger);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "token file unreadable, using the last token read: {Problem}")]
    public static partial void TokenProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "shutdown: {Calls} calls were never acknowledged by the collector and are dropped")]
    public static partial void UnacknowledgedAtShutdown(ILogger logger, long calls);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "the collector holds up to batch {CollectorHolds} but had acknowledged {Acknowledged}: its state was lost; {Batches} unacknowledged batches continue as instance {InstanceId} from sequence 1")]
    public static partial void SequenceRestarted(ILogger logger, ulong collectorHolds, ulong acknowledged, int batches, string instanceId);

    [LoggerMessage(EventId = 107, Level = LogLevel.Error, Message = "the collector refused batch {Sequence} again ({Status}); it is resent on every reconnect until acknowledged, and further refusals of it are only counted (repeated_refusals)")]
    public static partial void RefusedAgain(ILogger logger, ulong sequence, StatusCode status);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "collector status {Status}")]
    public static partial void CollectorStatus(ILogger logger, StatusCode status);
}
