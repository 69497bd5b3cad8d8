namespace ApiSentinel.Sensor.AccessLogs;

/// <summary>
/// HTTP/2 pseudo-header names (RFC 9113 §8.3) as Envoy logs them when a sink lists them among the headers to log.
/// They are never headers of the HTTP/1-shaped transaction; each only stands in for a fixed field Envoy left empty.
/// </summary>
internal static class PseudoHeaders
{
    public const char Prefix = ':';
    public const string Method = ":method";
    public const string Scheme = ":scheme";
    public const string Authority = ":authority";
    public const string Path = ":path";
}
