namespace ApiSentinel.Sensor.Http;

/// <summary>A request as parsed off the wire. Its spans point into parser storage valid during delivery only.</summary>
public sealed class ParsedRequest : HttpMessage
{
    private byte[] _line = new byte[256];
    private int _methodLength;
    private int _targetLength;
    private int _highWater;

    public ReadOnlySpan<byte> Method => _line.AsSpan(0, _methodLength);

    /// <summary>The request target exactly as sent (origin-form, absolute-form, authority-form or <c>*</c>); may be empty.</summary>
    public ReadOnlySpan<byte> Target => _line.AsSpan(_methodLength, _targetLength);

    internal void SetLine(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target)
    {
        var needed = method.Length + target.Length;
        if (needed > _line.Length)
        {
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
    }

    internal override void Scrub()
    {
        base.Scrub();
        _line.AsSpan(0, _highWater).Clear();
        _highWater = 0;
    }
}
