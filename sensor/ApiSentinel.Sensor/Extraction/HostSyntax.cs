using System.Net;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Whether text is a host as a URI authority or a Host header may carry it: a host name of RFC 1123 labels
/// (letters, digits, '-', 1–63 chars, not starting or ending with '-'; IDNs in their punycode <c>xn--</c> form),
/// a dotted-quad IPv4 address, or a bracketed IPv6 literal, with an optional port (≤ 65535). Underscores are
/// accepted in labels: service names in Docker Compose and SRV-style names use them, and they carry no data a
/// detector would miss. Anything else — spaces, '%', non-ASCII, a bare IPv6 address, a numeric label that is not
/// an IPv4 address — is not a host, and is never echoed.
/// </summary>
internal static class HostSyntax
{
    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Splits <c>[userinfo@]host[:port]</c> at its last '@'.</summary>
    public static ReadOnlySpan<byte> WithoutUserinfo(ReadOnlySpan<byte> authority, out ReadOnlySpan<byte> userinfo)
    {
        var at = authority.LastIndexOf((byte)'@');
        userinfo = at < 0 ? default : authority[..at];
        return at < 0 ? authority : authority[(at + 1)..];
    }

    /// <summary>True for <c>host</c>, <c>host:port</c>, <c>[v6]</c> or <c>[v6]:port</c>.</summary>
    public static bool IsValid(ReadOnlySpan<byte> hostPort)
    {
        if (hostPort.IsEmpty)
        {
            return false;
        }
        if (hostPort[0] == '[')
        {
            var close = hostPort.IndexOf((byte)']');
            return close > 1 && IsIPv6(hostPort[1..close]) && IsPortSuffix(hostPort[(close + 1)..]);
        }
        var colon = hostPort.IndexOf((byte)':');
        var host = colon < 0 ? hostPort : hostPort[..colon];
        return IsPortSuffix(colon < 0 ? default : hostPort[colon..]) && IsHostName(host);
    }

    /// <summary>Empty, or ':' and up to five digits ≤ 65535 (an empty port is allowed by RFC 3986).</summary>
    private static bool IsPortSuffix(ReadOnlySpan<byte> suffix)
    {
        if (suffix.IsEmpty)
        {
            return true;
        }
        if (suffix[0] != ':' || suffix.Length > 6)
        {
            return false;
        }
        var port = 0;
        foreach (var b in suffix[1..])
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            port = port * 10 + (b - '0');
        }
        return port <= 65535;
    }

    private static bool IsHostName(ReadOnlySpan<byte> host)
    {
        if (!host.IsEmpty && host[^1] == '.')
        {
            host = host[..^1]; // fully qualified "example.com."
        }
        if (host.IsEmpty || host.Length > MaxHostLength)
        {
            return false;
        }
        var labels = 0;
        var numericLabels = 0;
        var numericValid = true;
        foreach (var range in host.Split((byte)'.'))
        {
            var label = host[range];
            if (label.IsEmpty || label.Length > MaxLabelLength || label[0] == '-' || label[^1] == '-' ||
                label.ContainsAnyExcept(LabelBytes))
            {
                return false;
            }
            labels++;
            if (!label.ContainsAnyExcept(DigitBytes))
            {
                numericLabels++;
                numericValid &= label.Length <= 3 && int.Parse(label) <= 255;
            }
        }
        // "4929000000000828" or "1.2.3" are not hosts: all-numeric names must be IPv4 dotted quads.
        return numericLabels != labels || (labels == 4 && numericValid);
    }

    private static bool IsIPv6(ReadOnlySpan<byte> literal)
    {
        if (literal.Length > 45 || literal.ContainsAnyExcept(IPv6Bytes) || !literal.Contains((byte)':'))
        {
            return false;
        }
        Span<char> chars = stackalloc char[literal.Length];
        for (var i = 0; i < literal.Length; i++)
        {
            chars[i] = (char)literal[i];
        }
        return IPAddress.TryParse(chars, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

    private static readonly System.Buffers.SearchValues<byte> LabelBytes =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"u8);

    private static readonly System.Buffers.SearchValues<byte> DigitBytes = System.Buffers.SearchValues.Create("0123456789"u8);

    private static readonly System.Buffers.SearchValues<byte> IPv6Bytes = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF:."u8);
}
