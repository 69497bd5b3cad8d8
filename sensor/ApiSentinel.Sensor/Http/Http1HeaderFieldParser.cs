namespace ApiSentinel.Sensor.Http;

/// <summary>Adds one header line (line end already removed) to a header block.</summary>
internal static class Http1HeaderFieldParser
{
    /// <summary>False when the line is not a field (no colon, invalid name, fold with nothing to fold into); it is skipped.</summary>
    public static bool TryAdd(ReadOnlySpan<byte> line, HttpHeaderBlock headers)
    {
        if (line[0] is (byte)' ' or (byte)'\t')
        {
            // obs-fold (RFC 9112 §5.2): a continuation of the previous value, joined by one space.
            if (headers.Count == 0)
            {
                return false;
            }
            headers.AppendToLastValue(line.Trim(" \t"u8));
            return true;
        }
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }
        var name = line[..colon];
        // Whitespace between name and colon is invalid (RFC 9112 §5.1); proxies that strip it differ from
        // servers that reject it, so the field is dropped rather than guessed at.
        if (!Http1StartLineClassifier.IsToken(name))
        {
            return false;
        }
        headers.Add(name, line[(colon + 1)..].Trim(" \t"u8));
        return true;
    }
}
