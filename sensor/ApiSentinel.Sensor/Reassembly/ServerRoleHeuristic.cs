namespace ApiSentinel.Sensor.Reassembly;

/// <summary>
/// Guesses which endpoint is the server when the capture starts mid-stream (no SYN or SYN-ACK seen).
/// Rule, in order: a port below 1024 or on the short list of common development/API ports is a server port;
/// if exactly one side has a server port, that side is the server; otherwise the lower port is the server
/// (ephemeral client ports are high), and on equal ports the destination of the first segment is. The HTTP
/// layer can still correct the guess, because it sees who sends requests.
/// </summary>
internal static class ServerRoleHeuristic
{
    private const int WellKnownPortLimit = 1024;

    /// <summary>Returns true when <paramref name="destinationPort"/> is more likely the server than the source.</summary>
    public static bool DestinationIsServer(ushort sourcePort, ushort destinationPort)
    {
        bool sourceLooksServer = IsServerPort(sourcePort);
        bool destinationLooksServer = IsServerPort(destinationPort);
        if (sourceLooksServer != destinationLooksServer)
        {
            return destinationLooksServer;
        }
        return destinationPort <= sourcePort;
    }

    private static bool IsServerPort(ushort port) => port < WellKnownPortLimit || port switch
    {
        3000 or 5000 or 8000 or 8008 or 8080 or 8081 or 8443 or 8888 or 9000 or 9090 => true,
        _ => false,
    };
}
