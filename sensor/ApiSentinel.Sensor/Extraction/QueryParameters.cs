namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Walks the <c>name=value</c> pairs of a request target's query string (or of a form body) without allocating.
/// Names and values are returned still percent-encoded, as ranges of the input.
/// </summary>
public ref struct QueryParameters
{
    private readonly ReadOnlySpan<byte> _query;
    private int _position;

    /// <param name="query">The part after <c>?</c> (fragment already removed), or a form body.</param>
    public QueryParameters(ReadOnlySpan<byte> query)
    {
        _query = query;
        _position = 0;
        NameStart = NameLength = ValueStart = ValueLength = 0;
        HasValue = false;
    }

    /// <summary>The query of a request target: what follows the first <c>?</c>, up to a <c>#</c>.</summary>
    public static ReadOnlySpan<byte> OfTarget(ReadOnlySpan<byte> target)
    {
        var q = target.IndexOf((byte)'?');
        if (q < 0)
        {
            return default;
        }
        var query = target[(q + 1)..];
        var hash = query.IndexOf((byte)'#');
        return hash < 0 ? query : query[..hash];
    }

    public int NameStart { get; private set; }
    public int NameLength { get; private set; }
    public int ValueStart { get; private set; }
    public int ValueLength { get; private set; }

    /// <summary>False for a bare <c>name</c> with no <c>=</c>.</summary>
    public bool HasValue { get; private set; }

    public readonly ReadOnlySpan<byte> Name => _query.Slice(NameStart, NameLength);

    public readonly ReadOnlySpan<byte> Value => _query.Slice(ValueStart, ValueLength);

    /// <summary>Moves to the next non-empty pair.</summary>
    public bool MoveNext()
    {
        while (_position < _query.Length)
        {
            var rest = _query[_position..];
            var end = rest.IndexOfAny((byte)'&', (byte)';');
            var pair = end < 0 ? rest : rest[..end];
            var start = _position;
            _position += end < 0 ? rest.Length : end + 1;
            if (pair.IsEmpty)
            {
                continue;
            }
            var eq = pair.IndexOf((byte)'=');
            NameStart = start;
            NameLength = eq < 0 ? pair.Length : eq;
            HasValue = eq >= 0;
            ValueStart = eq < 0 ? start + pair.Length : start + eq + 1;
            ValueLength = eq < 0 ? 0 : pair.Length - eq - 1;
            return true;
        }
        return false;
    }
}
