using System.Net;
using System.Net.Sockets;

namespace ApiSentinel.Collector.Service.Tests.Infrastructure;

/// <summary>A loopback port free a moment ago (the kernel's pick for port 0), for a process that needs it on its command line.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
