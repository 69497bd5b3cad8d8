using System.Net;
using ApiSentinel.Sensor.Decode;
using Address = ApiSentinel.Ingest.Envoy.Config.Core.V3.Address;

namespace ApiSentinel.Sensor.AccessLogs;

/// <summary>Envoy's <c>Address</c> as an IP endpoint.</summary>
internal static class EnvoyAddress
{
    /// <summary>
    /// "Not recorded": the unspecified address, which no TCP peer can have and which everything downstream reads as
    /// unknown (as for HAR input). Used for pipes, internal listeners, host names and missing addresses.
    /// </summary>
    public static readonly NetEndpoint Unknown = new(NetAddress.Parse("0.0.0.0"), 0);

    /// <summary>The first of <paramref name="first"/> and <paramref name="second"/> that is an IP socket address, else <see cref="Unknown"/>.</summary>
    public static NetEndpoint FirstKnown(Address? first, Address? second = null) =>
        TryEndpoint(first, out var endpoint) || TryEndpoint(second, out endpoint) ? endpoint : Unknown;

    private static bool TryEndpoint(Address? address, out NetEndpoint endpoint)
    {
        endpoint = Unknown;
        if (address?.SocketAddress is not { } socket || !IPAddress.TryParse(socket.Address, out var ip) ||
            socket.PortValue > ushort.MaxValue)
        {
            return false;
        }
        // A named port (PortSpecifierCase.NamedPort) has no number on the wire: port 0, the address still known.
        endpoint = new NetEndpoint(NetAddress.FromIPAddress(ip), (ushort)socket.PortValue);
        return true;
    }
}
