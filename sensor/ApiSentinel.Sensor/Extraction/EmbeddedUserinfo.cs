namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// A URL with a user name and password inside a query value or a path (<c>?next=http://bob:pw@int.example/</c>,
/// the same percent-encoded, <c>?db=postgres://app:pw@db:5432/prod</c>, <c>/proxy/http://bob:pw@h/</c>): a
/// credential in clear, as much as userinfo in the target's own authority. Found by the same parser
/// (<see cref="TargetAuthority"/>), on every <c>scheme://</c> of the text and on text that starts with <c>//</c>,
/// so the redactor and the auth classifier cannot disagree about where the password ends.
/// </summary>
internal static class EmbeddedUserinfo
{
    /// <summary>
    /// Finds userinfo in <paramref name="encoded"/> as sent or percent-decoded; the range is in
    /// <paramref name="encoded"/> (from the userinfo's first byte to the '@' or <c>%40</c> that ends it).
    /// </summary>
    public static bool TryFindEncoded(ReadOnlySpan<byte> encoded, out int start, out int end)
    {
        start = end = 0;
        // Userinfo ends at an '@': text without one, plain or escaped, has none (the common case costs two scans).
        var escapedAt = encoded.IndexOf("%40"u8) >= 0;
        if (!escapedAt && encoded.IndexOf((byte)'@') < 0)
        {
            return false;
        }
        if (EmbeddedUserinfo.TryFind(encoded, out start, out end))
        {
            return true;
        }
        if (encoded.IndexOf((byte)'%') < 0)
        {
            return false;
        }
        Span<byte> decoded = encoded.Length <= 1024 ? stackalloc byte[encoded.Length] : new byte[encoded.Length];
        var n = PercentDecoding.DecodeBytes(encoded, decoded, plusIsSpace: false);
        if (!TryFind(decoded[..n], out var s, out var e))
        {
            return false;
        }
        start = PercentDecoding.EncodedOffset(encoded, s);
        end = PercentDecoding.EncodedOffset(encoded, e);
        return true;
    }

    /// <summary>
    /// Finds the first userinfo in <paramref name="text"/> (wire bytes, already percent-decoded by the caller when
    /// it was encoded): <paramref name="start"/> is its first byte, <paramref name="end"/> the '@' that ends it.
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> text, out int start, out int end)
    {
        if (text.StartsWith("//"u8) && TryAt(text, 0, out start, out end))
        {
            return true;
        }
        for (var from = 0; from < text.Length;)
        {
            var separator = text[from..].IndexOf("://"u8);
            if (separator < 0)
            {
                break;
            }
            separator += from;
            var scheme = separator;
            while (scheme > 0 && IsSchemeChar(text[scheme - 1]))
            {
                scheme--;
            }
            while (scheme < separator && !char.IsAsciiLetter((char)text[scheme]))
            {
                scheme++; // a scheme starts with a letter: "1http://" is "http://"
            }
            if (scheme < separator && TryAt(text, scheme, out start, out end))
            {
                return true;
            }
            from = separator + 3;
        }
        start = end = 0;
        return false;
    }

    private static bool TryAt(ReadOnlySpan<byte> text, int offset, out int start, out int end)
    {
        var authority = TargetAuthority.Parse(text[offset..]);
        if (authority.HasAuthority && authority.HasUserinfo && !authority.Userinfo.IsEmpty)
        {
            start = offset + authority.Prefix.Length;
            end = start + authority.Userinfo.Length;
            return true;
        }
        start = end = 0;
        return false;
    }

    private static bool IsSchemeChar(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'+' or (byte)'-' or (byte)'.';
}
