using Microsoft.Extensions.Logging;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>The <see cref="ApiSpecController"/>'s log lines. Messages are the parser's (escaped, one line); never document text.</summary>
internal static partial class ApiSpecLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "ApiSpec {Key}: spec set ({Summary}; {Hosts} hosts)")]
    public static partial void Set(ILogger logger, string key, string summary, int hosts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ApiSpec {Key} is invalid ({Reason}): {Message}")]
    public static partial void Invalid(ILogger logger, string key, string reason, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "ApiSpec {Key}: spec removed from the catalog")]
    public static partial void Removed(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ApiSpec {Key}: status write failed ({Reason}); retrying at the next refresh")]
    public static partial void StatusWriteFailed(ILogger logger, string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ApiSpec {Key}: {Reason}")]
    public static partial void EventFailed(ILogger logger, string key, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "ApiSpec {Key}: reconcile failed; retrying at the next refresh")]
    public static partial void ReconcileFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "ApiSpecs are not watched: the catalog did not become ready")]
    public static partial void CatalogFailed(ILogger logger, Exception exception);
}
