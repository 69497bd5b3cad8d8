using System.Text;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>A service the simulated clients call: address, port, the Host header they send and its Server header.</summary>
internal sealed class ApiServer(uint address, ushort port, string host, string serverSoftware)
{
    public uint Address { get; } = address;

    public ushort Port { get; } = port;

    public byte[] Host { get; } = Encoding.ASCII.GetBytes(host);

    public byte[] ServerSoftware { get; } = Encoding.ASCII.GetBytes(serverSoftware);
}
