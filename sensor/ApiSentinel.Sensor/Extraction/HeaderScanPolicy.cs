namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Which header values the extractor scans for sensitive data. Credentials are the auth classifier's business,
/// not the scanner's; standard headers carry protocol metadata whose names would mislead the field-name
/// context (<c>Access-Control-Allow-Credentials: true</c> is not a credential). What remains — custom
/// headers above all — is where applications put user data (<c>X-Customer-Ssn</c>, <c>X-User-Email</c>).
/// </summary>
internal static class HeaderScanPolicy
{
    private static readonly string[] StandardPrefixes =
        ["access-control-", "accept", "content-", "if-", "sec-", "x-content-", "x-frame-", "x-xss-", "x-forwarded-", "cf-"];

    /// <param name="name">Lower-case header name.</param>
    public static bool ShouldScan(string name, ExtractionOptions options)
    {
        if (options.ApiKeyHeaders.Contains(name))
        {
            return false;
        }
        switch (name)
        {
            case "authorization" or "proxy-authorization" or "cookie" or "set-cookie" or "www-authenticate" or "proxy-authenticate":
            case "host" or "connection" or "date" or "server" or "cache-control" or "user-agent" or "transfer-encoding" or
                "etag" or "last-modified" or "expires" or "vary" or "keep-alive" or "age" or "pragma" or "range" or
                "upgrade" or "via" or "te" or "trailer" or "expect" or "strict-transport-security" or
                "referrer-policy" or "permissions-policy" or "alt-svc" or "x-powered-by" or "x-request-id" or
                "traceparent" or "tracestate" or "x-b3-traceid" or "x-b3-spanid" or "x-amzn-trace-id":
                return false;
        }
        foreach (var prefix in StandardPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
