using System.Net;
using System.Net.Sockets;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Loopback ports for the processes under test. The executables take HOST:PORT options, not "port 0 and tell
/// me", so the test asks the kernel for a free port and hands it over. A port just released can in principle
/// be taken by someone else before the process binds it; the process then fails to start with a clear line,
/// which <see cref="ServiceProcess"/> reports.
/// </summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string NextLoopbackAddress() => $"127.0.0.1:{Next()}";
}
