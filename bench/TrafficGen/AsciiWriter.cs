using System.Buffers.Text;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>Appends ASCII/UTF-8 text and numbers to a caller-owned span: HTTP heads are composed without allocating.</summary>
internal ref struct AsciiWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _length;

    public readonly int Length => _length;

    public void Write(scoped ReadOnlySpan<byte> text)
    {
        text.CopyTo(_destination[_length..]);
        _length += text.Length;
    }

    public void Write(long value)
    {
        if (!Utf8Formatter.TryFormat(value, _destination[_length..], out int written))
        {
            throw new InvalidOperationException("HTTP head buffer too small.");
        }

        _length += written;
    }

    public void Write(Guid value)
    {
        if (!value.TryFormat(_destination[_length..], out int written, "D"))
        {
            throw new InvalidOperationException("HTTP head buffer too small.");
        }

        _length += written;
    }
}
