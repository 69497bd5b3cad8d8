using System.Globalization;
using System.Net;

namespace ApiSentinel.Collector.Service.Configuration;

/// <summary><c>HOST:PORT</c> of a listen option: an IPv4 address, <c>[IPv6]</c>, <c>localhost</c> (loopback) or <c>*</c> (every address).</summary>
public static class ListenAddress
{
    public static bool TryParse(string? text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ||
            port > IPEndPoint.MaxPort)
        {
            return false;
        }
        var host = text[..colon];
        if (host is "localhost")
        {
            endpoint = new IPEndPoint(IPAddress.Loopback, port);
            return true;
        }
        if (host is "*")
        {
            endpoint = new IPEndPoint(IPAddress.IPv6Any, port);
            return true;
        }
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            return false; // an IPv6 address needs its brackets, or the port would be ambiguous
        }
        if (!IPAddress.TryParse(host, out var address))
        {
            return false;
        }
        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
