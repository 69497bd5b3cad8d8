namespace ApiSentinel.Sensor.AccessLogs;

/// <summary>
/// The request headers Envoy reports in fixed fields of <c>HTTPRequestProperties</c> instead of the
/// <c>request_headers</c> map, under the names they had on the wire (Envoy's field documentation).
/// </summary>
internal static class EnvoyHeaderFields
{
    public const string Host = "host";
    public const string UserAgent = "user-agent";
    public const string Referer = "referer";
    public const string ForwardedFor = "x-forwarded-for";
    public const string RequestId = "x-request-id";
}
