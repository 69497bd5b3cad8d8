using System.Net;

namespace ApiSentinel.Collector.Kubernetes.Namespaces;

/// <summary>The IP of an <c>ip:port</c> server string (<c>[v6]:port</c> for IPv6), normalised so the forms Kubernetes and the sensors write compare equal.</summary>
public static class ServerAddress
{
    /// <summary>The canonical IP text, or null when <paramref name="server"/> is not an address (a host name, garbage).</summary>
    public static string? IpOf(string server)
    {
        ArgumentNullException.ThrowIfNull(server);
        ReadOnlySpan<char> host = server;
        if (host.StartsWith("["))
        {
            var close = host.IndexOf(']');
            if (close < 0)
            {
                return null;
            }
            host = host[1..close];
        }
        else if (host.Count(':') == 1)
        {
            host = host[..host.IndexOf(':')];
        }
        return Canonical(host);
    }

    /// <summary>An IP as Kubernetes writes it (<c>spec.clusterIPs</c>, slice addresses), canonical; null when not an IP.</summary>
    public static string? Canonical(ReadOnlySpan<char> ip) =>
        IPAddress.TryParse(ip, out var address) ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : null;
}
