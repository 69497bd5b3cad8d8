using System.Buffers.Binary;
using System.Net;

namespace ApiSentinel.Sensor.Decode;

/// <summary>
/// An IPv4 or IPv6 address as a value: two 64-bit halves, no heap object. <see cref="IPAddress"/> would
/// allocate on every packet; this is what connection keys are made of.
/// IPv4 addresses are stored as IPv4-mapped IPv6 (::ffff:a.b.c.d) so both families share one layout.
/// </summary>
public readonly struct NetAddress : IEquatable<NetAddress>
{
    private const ulong MappedPrefixLow = 0x0000_FFFF_0000_0000UL;

    private readonly ulong _high;
    private readonly ulong _low;

    private NetAddress(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    public static NetAddress FromIPv4(ReadOnlySpan<byte> fourBytes) =>
        new(0, MappedPrefixLow | BinaryPrimitives.ReadUInt32BigEndian(fourBytes));

    public static NetAddress FromIPv6(ReadOnlySpan<byte> sixteenBytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(sixteenBytes), BinaryPrimitives.ReadUInt64BigEndian(sixteenBytes[8..]));

    public static NetAddress FromIPAddress(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return FromIPv4(bytes[..4]);
        }
        address.TryWriteBytes(bytes, out _);
        return FromIPv6(bytes);
    }

    public static NetAddress Parse(string text) => FromIPAddress(IPAddress.Parse(text));

    public bool IsIPv4 => _high == 0 && (_low & 0xFFFF_FFFF_0000_0000UL) == MappedPrefixLow;

    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (IsIPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)_low);
            return new IPAddress(bytes[..4]);
        }
        BinaryPrimitives.WriteUInt64BigEndian(bytes, _high);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], _low);
        return new IPAddress(bytes);
    }

    public override string ToString() => ToIPAddress().ToString();

    public bool Equals(NetAddress other) => _high == other._high && _low == other._low;

    public override bool Equals(object? obj) => obj is NetAddress other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_high, _low);

    public static bool operator ==(NetAddress left, NetAddress right) => left.Equals(right);

    public static bool operator !=(NetAddress left, NetAddress right) => !left.Equals(right);
}
