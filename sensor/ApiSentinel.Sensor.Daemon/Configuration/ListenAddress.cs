using System.Globalization;
using System.Net;

namespace ApiSentinel.Sensor.Daemon.Configuration;

/// <summary><c>HOST:PORT</c> for a listening socket: an IP address (<c>127.0.0.1:9090</c>, <c>[::1]:9090</c>),
/// <c>localhost</c> or <c>*</c> (every address). Port 0 asks the system for a free port.</summary>
internal static class ListenAddress
{
    public static IPEndPoint Parse(string option, string value)
    {
        int colon = value.LastIndexOf(':');
        // An IPv6 address needs brackets, or its last group would be read as the port.
        bool hasPort = colon > 0 && (value.StartsWith('[') ? value[colon - 1] == ']' : value.IndexOf(':', StringComparison.Ordinal) == colon);
        if (hasPort && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) &&
            port <= IPEndPoint.MaxPort)
        {
            string host = value[..colon].Trim('[', ']');
            if (host == "*")
            {
                return new IPEndPoint(IPAddress.Any, port);
            }
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                return new IPEndPoint(IPAddress.Loopback, port);
            }
            if (IPAddress.TryParse(host, out var address))
            {
                return new IPEndPoint(address, port);
            }
        }
        throw new OptionsException($"{option}: '{value}' is not HOST:PORT (an IP address, localhost or *, and a port)");
    }
}
