namespace ApiSentinel.Sensor.Http;

/// <summary>A request as parsed off the wire. Its spans point into parser storage valid during delivery only.</summary>
public sealed class ParsedRequest : HttpMessage
{
    private const int InitialLineBytes = 256;
    /// <summary>A line buffer grown past this by one long target is given back at the next message (see <see cref="HttpHeaderBlock"/>).</summary>
    private const int ShrinkAboveBytes = 8 * 1024;

    private byte[] _line = new byte[InitialLineBytes];
    private int _methodLength;
    private int _targetLength;
    private int _highWater;

    public ReadOnlySpan<byte> Method => _line.AsSpan(0, _methodLength);

    /// <summary>The request target exactly as sent (origin-form, absolute-form, authority-form or <c>*</c>); may be empty.</summary>
    public ReadOnlySpan<byte> Target => _line.AsSpan(_methodLength, _targetLength);

    /// <summary>Bytes of storage this request holds: start line, header block and inspected body.</summary>
    internal int RetainedBytes => _line.Length + Headers.RetainedBytes + Body.RetainedBytes;

    internal void SetLine(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target)
    {
        var needed = method.Length + target.Length;
        if (needed > _line.Length)
        {
            // The old line may hold an earlier target: wipe it rather than leave it to the collector.
            _line.AsSpan(0, _highWater).Clear();
            _highWater = 0;
            _line = new byte[Math.Max(needed, _line.Length * 2)];
        }
        method.CopyTo(_line);
        target.CopyTo(_line.AsSpan(method.Length));
        _methodLength = method.Length;
        _targetLength = target.Length;
    }

    internal override void Reset()
    {
        base.Reset();
        _highWater = Math.Max(_highWater, _methodLength + _targetLength);
        _methodLength = 0;
        _targetLength = 0;
        if (_line.Length > ShrinkAboveBytes)
        {
            _line.AsSpan(0, _highWater).Clear();
            _line = new byte[InitialLineBytes];
            _highWater = 0;
        }
    }

    internal override void Scrub()
    {
        base.Scrub();
        _line.AsSpan(0, _highWater).Clear();
        _highWater = 0;
    }
}
