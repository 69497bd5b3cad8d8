using System.Text;

namespace ApiSentinel.Sensor.Http;

/// <summary>
/// The header fields of one message as ranges over the parser's buffer: nothing is turned into a string unless
/// a later stage asks for it (names are interned by the extractor; values mostly never leave as text).
/// Valid only while the transaction is being delivered; the parser reuses the storage afterwards.
/// </summary>
public sealed class HttpHeaderBlock
{
    private const int InitialBytes = 1024;
    private const int InitialFields = 32;
    /// <summary>
    /// Storage grown past this by one large head is given back at the next message: pooled exchanges would
    /// otherwise keep every connection's largest head (up to <see cref="Http1Options.MaxHeaderBytes"/>) for good.
    /// </summary>
    private const int ShrinkAboveBytes = 8 * 1024;

    // Allocated on the first field, not with the message: a response that never comes (or a pooled exchange
    // waiting for reuse) then costs no storage.
    private byte[] _buffer = [];
    private int _length;
    /// <summary>Longest content the buffer held since the last scrub: what must be wiped before reuse elsewhere.</summary>
    private int _highWater;
    private (int NameStart, int NameLength, int ValueStart, int ValueLength)[] _fields = [];

    public int Count { get; private set; }

    /// <summary>Bytes of storage held (value bytes and field table).</summary>
    internal int RetainedBytes => _buffer.Length + _fields.Length * 16;

    public ReadOnlySpan<byte> NameAt(int index)
    {
        var f = Field(index);
        return _buffer.AsSpan(f.NameStart, f.NameLength);
    }

    /// <summary>The value with surrounding whitespace removed; folded continuation lines joined by one space.</summary>
    public ReadOnlySpan<byte> ValueAt(int index)
    {
        var f = Field(index);
        return _buffer.AsSpan(f.ValueStart, f.ValueLength);
    }

    /// <summary>First field whose name equals <paramref name="name"/> ignoring ASCII case.</summary>
    public bool TryGet(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < Count; i++)
        {
            var f = _fields[i];
            if (Ascii.EqualsIgnoreCase(_buffer.AsSpan(f.NameStart, f.NameLength), name))
            {
                value = _buffer.AsSpan(f.ValueStart, f.ValueLength);
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>How many fields carry <paramref name="name"/> (ASCII case-insensitive).</summary>
    public int CountOf(ReadOnlySpan<byte> name)
    {
        var n = 0;
        for (var i = 0; i < Count; i++)
        {
            var f = _fields[i];
            if (Ascii.EqualsIgnoreCase(_buffer.AsSpan(f.NameStart, f.NameLength), name))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>Value of the first field named <paramref name="name"/> as a string, or null (for tests and diagnostics).</summary>
    public string? GetString(string name) =>
        TryGet(Encoding.ASCII.GetBytes(name), out var v) ? Encoding.Latin1.GetString(v) : null;

    internal void Clear()
    {
        _highWater = Math.Max(_highWater, _length);
        Count = 0;
        _length = 0;
        if (_buffer.Length > ShrinkAboveBytes)
        {
            _buffer.AsSpan(0, _highWater).Clear();
            _buffer = [];
            _highWater = 0;
        }
        if (_fields.Length * 16 > ShrinkAboveBytes)
        {
            _fields = [];
        }
    }

    /// <summary>Clears and wipes every byte ever stored, so the storage can serve another connection.</summary>
    internal void Scrub()
    {
        Clear();
        _buffer.AsSpan(0, _highWater).Clear();
        _highWater = 0;
    }

    /// <summary>Appends one field; name and value are copied into the block's own storage.</summary>
    internal void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        var needed = _length + name.Length + value.Length;
        if (needed > _buffer.Length)
        {
            Grow(needed);
        }
        if (Count == _fields.Length)
        {
            Array.Resize(ref _fields, Math.Max(InitialFields, _fields.Length * 2));
        }
        var nameStart = _length;
        name.CopyTo(_buffer.AsSpan(_length));
        _length += name.Length;
        var valueStart = _length;
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
        _fields[Count++] = (nameStart, name.Length, valueStart, value.Length);
    }

    /// <summary>Appends a folded continuation (obs-fold) to the last field's value, joined by one space.</summary>
    internal void AppendToLastValue(ReadOnlySpan<byte> continuation)
    {
        if (Count == 0)
        {
            return;
        }
        var last = _fields[Count - 1];
        // The last value is always at the end of the buffer, so it can grow in place.
        var needed = _length + 1 + continuation.Length;
        if (needed > _buffer.Length)
        {
            Grow(needed);
        }
        _buffer[_length++] = (byte)' ';
        continuation.CopyTo(_buffer.AsSpan(_length));
        _length += continuation.Length;
        _fields[Count - 1] = (last.NameStart, last.NameLength, last.ValueStart, last.ValueLength + 1 + continuation.Length);
    }

    /// <summary>Moves to a larger buffer, wiping the old one (it may hold an earlier message's values).</summary>
    private void Grow(int needed)
    {
        var larger = new byte[Math.Max(needed, Math.Max(InitialBytes, _buffer.Length * 2))];
        _buffer.AsSpan(0, _length).CopyTo(larger);
        _buffer.AsSpan(0, Math.Max(_highWater, _length)).Clear();
        _buffer = larger;
        _highWater = 0;
    }

    private (int NameStart, int NameLength, int ValueStart, int ValueLength) Field(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return _fields[index];
    }
}
