namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Whether text taken from the wire may be reported as a name: an RFC 9110 token (letters, digits and
/// <c>!#$%&amp;'*+-.^_`|~</c>, plus '/' for media types), short, and without the long digit runs that card numbers,
/// SSNs and account numbers are made of. Names that fail are not reported verbatim — an attacker or a careless
/// client can put anything where a name belongs.
/// </summary>
internal static class WireToken
{
    private static readonly System.Buffers.SearchValues<byte> TokenBytes =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~/"u8);

    public const int MaxLength = 64;

    public static bool IsSafeName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > MaxLength || name.ContainsAnyExcept(TokenBytes))
        {
            return false;
        }
        var digits = 0;
        foreach (var b in name)
        {
            digits = b is >= (byte)'0' and <= (byte)'9' ? digits + 1 : 0;
            if (digits >= 6)
            {
                return false;
            }
        }
        return true;
    }
}
