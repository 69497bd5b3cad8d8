namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Whether bytes are an HTTP method: an RFC 9110 token (tchar: letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>) of
/// bounded length. Checked in the extractor, not the parser, so every source — capture or HAR — goes through it.
/// </summary>
internal static class HttpMethodToken
{
    /// <summary>Longest method accepted; the longest registered one (UPDATEREDIRECTREF) has 17 chars.</summary>
    public const int MaxLength = 24;

    private static readonly System.Buffers.SearchValues<byte> TChar =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~"u8);

    public static bool IsValid(ReadOnlySpan<byte> method) =>
        !method.IsEmpty && method.Length <= MaxLength && !method.ContainsAnyExcept(TChar);
}
