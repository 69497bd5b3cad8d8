using ApiSentinel.Collector.Endpoints;
using System.Buffers.Binary;
using System.Text;

namespace ApiSentinel.Collector.Catalog.State;

/// <summary>
/// Reads what <see cref="StateWriter"/> wrote, from a payload already in memory and checksummed. Every count is
/// checked against the bytes left (each item takes at least one byte), every string length likewise, and nesting is
/// bounded, so no input — however crafted — allocates more than it holds or overflows the stack. Anything that does
/// not parse is a <see cref="CatalogStateException"/> naming the byte offset, never the content.
/// </summary>
internal sealed class StateReader
{
    /// <summary>Deepest trie nesting accepted (the readers recurse; 2,048 levels stay far inside a thread pool stack).</summary>
    public const int MaxDepth = 2048;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _payload;
    private readonly List<string> _strings = [];
    private int _position;
    private int _depth;

    public StateReader(byte[] payload, ushort version = StateFormat.Version)
    {
        _payload = payload;
        Version = version;
    }

    /// <summary>The format version the payload was written in (<see cref="StateFormat.Version"/>): sections added since are absent before.</summary>
    public ushort Version { get; }

    public bool AtEnd => _position == _payload.Length;

    private int Remaining => _payload.Length - _position;

    public CatalogStateException Corrupt(string what) =>
        new($"catalog state is corrupt: {what} at byte {_position.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    public ulong ReadUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _payload.Length)
            {
                throw Corrupt("unexpected end");
            }
            var b = _payload[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw Corrupt("integer too long");
    }

    public long ReadLong()
    {
        var raw = ReadUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadInt()
    {
        var value = ReadLong();
        return value is < int.MinValue or > int.MaxValue ? throw Corrupt("integer out of range") : (int)value;
    }

    /// <summary>A non-negative value no larger than <paramref name="max"/>.</summary>
    public long ReadNonNegative(long max = long.MaxValue)
    {
        var value = ReadLong();
        return value < 0 || value > max ? throw Corrupt("value out of range") : value;
    }

    /// <summary>A collection's item count: at most <paramref name="max"/>, and no more items than bytes left.</summary>
    public int ReadCount(int max = int.MaxValue)
    {
        var count = ReadUInt();
        return count > (ulong)Math.Min(max, Remaining) ? throw Corrupt("count out of range") : (int)count;
    }

    public bool ReadBool()
    {
        if (_position >= _payload.Length)
        {
            throw Corrupt("unexpected end");
        }
        return _payload[_position++] switch
        {
            0 => false,
            1 => true,
            _ => throw Corrupt("invalid flag"),
        };
    }

    public double ReadDouble()
    {
        if (Remaining < 8)
        {
            throw Corrupt("unexpected end");
        }
        var value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(_payload.AsSpan(_position, 8)));
        _position += 8;
        return value;
    }

    public string ReadString()
    {
        var reference = ReadUInt();
        if (reference > 0)
        {
            return reference <= (ulong)_strings.Count ? _strings[(int)(reference - 1)] : throw Corrupt("unknown string reference");
        }
        var length = ReadCount();
        string value;
        try
        {
            value = StrictUtf8.GetString(_payload, _position, length);
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt("invalid text");
        }
        _position += length;
        // Literals the engine compares by reference (the overflow name) must come back as the literal itself.
        value = string.IsInterned(value) ?? value;
        _strings.Add(value);
        return value;
    }

    public string? ReadNullableString() => ReadBool() ? ReadString() : null;

    public long? ReadNullableLong() => ReadBool() ? ReadLong() : null;

    public EndpointKey ReadKey() => new(ReadString(), ReadString(), ReadString());

    /// <summary>Reads a string set into <paramref name="into"/>; a repeated member is corruption.</summary>
    public void ReadStrings(ISet<string> into, int max = int.MaxValue)
    {
        var count = ReadCount(max);
        for (var i = 0; i < count; i++)
        {
            if (!into.Add(ReadString()))
            {
                throw Corrupt("repeated set member");
            }
        }
    }

    public void ReadCounts(Dictionary<string, long> into, int max = int.MaxValue)
    {
        var count = ReadCount(max);
        for (var i = 0; i < count; i++)
        {
            var key = ReadString();
            if (!into.TryAdd(key, ReadLong()))
            {
                throw Corrupt("repeated key");
            }
        }
    }

    /// <summary>Guards one level of nesting; dispose to leave it.</summary>
    public DepthScope Nested()
    {
        if (++_depth > MaxDepth)
        {
            throw Corrupt("nesting too deep");
        }
        return new DepthScope(this);
    }

    public readonly struct DepthScope(StateReader reader) : IDisposable
    {
        public void Dispose() => reader._depth--;
    }
}
