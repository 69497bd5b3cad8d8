using ApiSentinel.Sensor.Decode;

namespace ApiSentinel.Sensor.Reassembly;

/// <summary>
/// The connection-table key: the TCP 4-tuple, equal for both directions of a connection. A value type so a
/// lookup per segment allocates nothing. Rather than normalizing the endpoint order (which would need an
/// ordering on addresses), equality accepts either order and the hash combines the two endpoint hashes in
/// an order-independent way.
/// </summary>
internal readonly struct ConnectionKey : IEquatable<ConnectionKey>
{
    private readonly NetEndpoint _first;
    private readonly NetEndpoint _second;

    public ConnectionKey(NetEndpoint source, NetEndpoint destination)
    {
        _first = source;
        _second = destination;
    }

    public bool Equals(ConnectionKey other) =>
        (_first.Equals(other._first) && _second.Equals(other._second)) ||
        (_first.Equals(other._second) && _second.Equals(other._first));

    public override bool Equals(object? obj) => obj is ConnectionKey other && Equals(other);

    public override int GetHashCode()
    {
        int a = _first.GetHashCode();
        int b = _second.GetHashCode();
        return a <= b ? HashCode.Combine(a, b) : HashCode.Combine(b, a);
    }

    public static bool operator ==(ConnectionKey left, ConnectionKey right) => left.Equals(right);

    public static bool operator !=(ConnectionKey left, ConnectionKey right) => !left.Equals(right);
}
