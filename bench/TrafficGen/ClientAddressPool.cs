namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// Client pod addresses (10.244.0.0/16, a typical Kubernetes pod CIDR), each with its own sequential
/// ephemeral-port counter as Linux allocates them. With 1024 clients × 28k ports a 4-tuple is not reused
/// within any realistic file, so analysers never see port reuse.
/// </summary>
internal sealed class ClientAddressPool
{
    private readonly uint[] _addresses;
    private readonly ushort[] _nextPorts;
    private readonly int _portFirst;
    private readonly int _portEnd;

    public ClientAddressPool(int count, int portFirst, int portEnd, DeterministicRandom random)
    {
        _portFirst = portFirst;
        _portEnd = portEnd;
        _addresses = new uint[count];
        _nextPorts = new ushort[count];
        for (int i = 0; i < count; i++)
        {
            _addresses[i] = HttpExchangeComposer.Ipv4(10, 244, (byte)(i / 250), (byte)((i % 250) + 2));
            _nextPorts[i] = (ushort)random.Next(portFirst, portEnd);
        }
    }

    public (uint Address, ushort Port) Next(DeterministicRandom random)
    {
        int client = random.Next(_addresses.Length);
        ushort port = _nextPorts[client];
        _nextPorts[client] = port + 1 >= _portEnd ? (ushort)_portFirst : (ushort)(port + 1);
        return (_addresses[client], port);
    }
}
