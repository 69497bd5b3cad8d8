namespace ApiSentinel.Collector.Specs;

/// <summary>
/// Request headers that belong to HTTP, browsers, proxies or tracing rather than to an API's contract; specs
/// rarely document them, so their presence is not an undocumented-header violation.
/// </summary>
internal static class StandardRequestHeaders
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "accept", "accept-charset", "accept-encoding", "accept-language", "authorization", "proxy-authorization",
        "cache-control", "connection", "content-length", "content-type", "content-encoding", "content-language",
        "content-md5", "cookie", "date", "dnt", "expect", "forwarded", "from", "host", "if-match", "if-modified-since",
        "if-none-match", "if-range", "if-unmodified-since", "keep-alive", "max-forwards", "origin", "pragma", "priority",
        "range", "referer", "te", "trailer", "transfer-encoding", "upgrade", "upgrade-insecure-requests", "user-agent",
        "via", "warning", "x-requested-with", "x-request-id", "x-correlation-id", "x-real-ip", "true-client-ip",
        "traceparent", "tracestate", "baggage", "x-amzn-trace-id", "x-cloud-trace-context", "sentry-trace",
    };

    // Families added by browsers (sec-fetch-*, sec-ch-*), proxies (x-forwarded-*), CDNs and tracers.
    private static readonly string[] Prefixes = ["sec-", "x-forwarded-", "x-b3-", "cf-", "x-envoy-", "x-amz-cf-", "x-datadog-"];

    public static bool Contains(string name) =>
        Names.Contains(name) || Prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
