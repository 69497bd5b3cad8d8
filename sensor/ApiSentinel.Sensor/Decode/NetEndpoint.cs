namespace ApiSentinel.Sensor.Decode;

/// <summary>An address and a TCP port, as a value.</summary>
public readonly struct NetEndpoint : IEquatable<NetEndpoint>
{
    public NetEndpoint(NetAddress address, ushort port)
    {
        Address = address;
        Port = port;
    }

    public NetAddress Address { get; }

    public ushort Port { get; }

    /// <summary><c>ip:port</c>, or <c>[ipv6]:port</c> (the DESIGN.md <c>client</c>/<c>server</c> format).</summary>
    public override string ToString() =>
        Address.IsIPv4 ? $"{Address}:{Port}" : $"[{Address}]:{Port}";

    public bool Equals(NetEndpoint other) => Port == other.Port && Address.Equals(other.Address);

    public override bool Equals(object? obj) => obj is NetEndpoint other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Address, Port);

    public static bool operator ==(NetEndpoint left, NetEndpoint right) => left.Equals(right);

    public static bool operator !=(NetEndpoint left, NetEndpoint right) => !left.Equals(right);
}
