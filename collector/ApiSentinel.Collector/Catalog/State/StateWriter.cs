using ApiSentinel.Collector.Endpoints;
using System.Buffers.Binary;

namespace ApiSentinel.Collector.Catalog.State;

/// <summary>
/// Writes the payload of a state file: LEB128 variable-length integers (zig-zag for signed ones), IEEE doubles as
/// their 8 bytes (exact), and strings through a table — a string's first occurrence is written in full, later ones
/// as its index, so templates, hosts and names repeated across endpoints and windows cost a byte or two each.
/// Collections are written as a count and their items; sets and maps in ordinal order of their keys, so the same
/// logical state gives the same bytes whatever the hash order (which is what lets tests compare states by bytes).
/// </summary>
internal sealed class StateWriter
{
    private readonly Stream _output;
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private readonly byte[] _scratch = new byte[16];

    public StateWriter(Stream output) => _output = output;

    public void WriteUInt(ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            _scratch[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _scratch[i++] = (byte)value;
        _output.Write(_scratch, 0, i);
    }

    public void WriteLong(long value) => WriteUInt((ulong)((value << 1) ^ (value >> 63)));

    public void WriteInt(int value) => WriteLong(value);

    public void WriteCount(int count) => WriteUInt((ulong)count);

    /// <summary>One byte as is (tests craft payloads with it).</summary>
    internal void WriteRawByte(byte value) => _output.WriteByte(value);

    public void WriteBool(bool value) => _output.WriteByte(value ? (byte)1 : (byte)0);

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_scratch, BitConverter.DoubleToInt64Bits(value));
        _output.Write(_scratch, 0, 8);
    }

    public void WriteString(string value)
    {
        if (_strings.TryGetValue(value, out var index))
        {
            WriteUInt((ulong)index + 1);
            return;
        }
        _strings.Add(value, _strings.Count);
        WriteUInt(0);
        var bytes = System.Text.Encoding.UTF8.GetBytes(value);
        WriteCount(bytes.Length);
        _output.Write(bytes);
    }

    public void WriteNullableString(string? value)
    {
        WriteBool(value is not null);
        if (value is not null)
        {
            WriteString(value);
        }
    }

    public void WriteNullableLong(long? value)
    {
        WriteBool(value is not null);
        if (value is { } v)
        {
            WriteLong(v);
        }
    }

    public void WriteKey(EndpointKey key)
    {
        WriteString(key.Host);
        WriteString(key.Method);
        WriteString(key.PathTemplate);
    }

    /// <summary>A string set, in ordinal order.</summary>
    public void WriteStrings(IEnumerable<string> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        WriteCount(sorted.Length);
        foreach (var value in sorted)
        {
            WriteString(value);
        }
    }

    /// <summary>A string-keyed counter map, in ordinal order of keys.</summary>
    public void WriteCounts(IReadOnlyDictionary<string, long> counts)
    {
        var keys = counts.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        WriteCount(keys.Length);
        foreach (var key in keys)
        {
            WriteString(key);
            WriteLong(counts[key]);
        }
    }
}
