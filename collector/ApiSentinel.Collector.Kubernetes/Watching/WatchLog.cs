using Microsoft.Extensions.Logging;

namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>The watch loop's log lines (non-generic: the logging generator's home for <see cref="ResourceWatcher{T}"/>).</summary>
internal static partial class WatchLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "listed {Source}: {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string source, int count, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "watch of {Source} expired ({Reason}); listing again")]
    public static partial void Expired(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "watch of {Source} failed ({Kind}: {Reason}); retrying after a backoff")]
    public static partial void Failed(ILogger logger, string source, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "a handler of {Source} failed")]
    public static partial void HandlerFailed(ILogger logger, string source, Exception exception);
}
