using System.Net.Sockets;

namespace ApiSentinel.Sensor.Tests.Infrastructure;

/// <summary>Waits for a server the test started to accept connections (one helper for both test projects).</summary>
internal static class TcpPort
{
    /// <summary>
    /// Polls <paramref name="host"/>:<paramref name="port"/> every 100 ms until a connection succeeds; after
    /// <paramref name="timeout"/>, throws naming the address, the last error and <paramref name="describe"/>'s
    /// account of the server (its output, say), so a server that never came up fails with a reason.
    /// </summary>
    public static void WaitUntilOpen(string host, int port, TimeSpan timeout, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var probe = new TcpClient(host, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"nothing listened on {host}:{port} within {timeout.TotalSeconds:0} s ({e.Message}){(describe is null ? "" : ": " + describe())}");
            }
        }
    }
}
