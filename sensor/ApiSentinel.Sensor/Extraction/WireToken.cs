namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Whether text taken from the wire may be reported as a name: an RFC 9110 token (letters, digits and
/// <c>!#$%&amp;'*+-.^_`|~</c>, plus '/' for media types), short, and without the long digit chains that card
/// numbers, SSNs and account numbers are made of — contiguous or joined by separators (<c>4111-1111-1111-1111</c>).
/// Names that fail are not reported verbatim — an attacker or a careless client can put anything where a name
/// belongs. This is the syntax half; <see cref="NameScreen"/> adds the detectors and the token-shape tests.
/// </summary>
internal static class WireToken
{
    private static readonly System.Buffers.SearchValues<byte> TokenBytes =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~/"u8);

    /// <summary>
    /// RFC 6838 §4.2 bounds each half of a media type to 127 chars; real ones run past 64
    /// (<c>application/vnd.openxmlformats-officedocument.spreadsheetml.sheet</c> is 65). Header names and products
    /// are far shorter, so one bound serves all.
    /// </summary>
    public const int MaxLength = 127;

    public static bool IsSafeName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > MaxLength || name.ContainsAnyExcept(TokenBytes))
        {
            return false;
        }
        return NameShape.LongestDigitChain(name) <= NameScreen.MaxDigitChain;
    }
}
