using System.Net;
using System.Net.Sockets;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Decides whether a client address is internal (RFC 1918, loopback, link-local, carrier-grade NAT, IPv6
/// unique-local and link-local, plus configured cluster CIDRs such as the pod and service ranges) or external.
/// An endpoint with external clients is exposed beyond the cluster — a risk factor of its own.
/// </summary>
public sealed class ExposureClassifier
{
    private static readonly string[] BuiltInRanges =
    [
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10",
        "::1/128", "fc00::/7", "fe80::/10",
    ];

    private readonly List<IPNetwork> _internal = [];
    private readonly Dictionary<string, bool> _cache = new(StringComparer.Ordinal);

    /// <param name="clusterCidrs">Extra internal ranges (pod and service CIDRs); a malformed one is an error.</param>
    public ExposureClassifier(IEnumerable<string>? clusterCidrs = null)
    {
        foreach (var cidr in BuiltInRanges.Concat(clusterCidrs ?? []))
        {
            _internal.Add(IPNetwork.TryParse(cidr, out var network)
                ? network
                : throw new ArgumentException($"'{cidr}' is not a CIDR range (like 10.244.0.0/16)"));
        }
    }

    /// <summary>Internal, external, or unknown when there is no address (a HAR records none).</summary>
    public ClientExposure Classify(string? address) =>
        address is null ? ClientExposure.Unknown : IsInternal(address) ? ClientExposure.Internal : ClientExposure.External;

    public bool IsInternal(string address)
    {
        if (_cache.TryGetValue(address, out var known))
        {
            return known;
        }
        var result = IPAddress.TryParse(address, out var ip) && IsInternal(ip);
        if (_cache.Count < 65536)
        {
            _cache[address] = result;
        }
        return result;
    }

    private bool IsInternal(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        foreach (var network in _internal)
        {
            if (network.BaseAddress.AddressFamily == ip.AddressFamily && network.Contains(ip))
            {
                return true;
            }
        }
        return ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.IsIPv6SiteLocal;
    }
}
