using System.Buffers;

namespace ApiSentinel.Sensor.Http;

/// <summary>
/// Tells from the first bytes of a line whether a request line or a status line starts there. Used to open a
/// message, to resynchronise after garbage and to guess connection roles. "Strict" (resynchronising) accepts
/// only known methods and <c>HTTP/1.</c>; otherwise any upper-case token method and any <c>HTTP/</c> are taken,
/// so that extension methods on a clean stream still parse.
/// </summary>
internal static class Http1StartLineClassifier
{
    /// <summary>Longest method token considered; every decision is made within this many bytes plus one.</summary>
    public const int MaxMethodLength = 20;

    /// <summary>Bytes that always suffice for a decision.</summary>
    public const int DecisionWindow = MaxMethodLength + 1;

    // Ordered by frequency on real traffic so the common case matches first.
    private static readonly byte[][] s_knownMethods =
    [
        "GET"u8.ToArray(), "POST"u8.ToArray(), "PUT"u8.ToArray(), "HEAD"u8.ToArray(), "DELETE"u8.ToArray(),
        "OPTIONS"u8.ToArray(), "PATCH"u8.ToArray(), "CONNECT"u8.ToArray(), "TRACE"u8.ToArray(),
        "PROPFIND"u8.ToArray(), "PROPPATCH"u8.ToArray(), "MKCOL"u8.ToArray(), "COPY"u8.ToArray(), "MOVE"u8.ToArray(),
        "LOCK"u8.ToArray(), "UNLOCK"u8.ToArray(), "SEARCH"u8.ToArray(), "REPORT"u8.ToArray(), "QUERY"u8.ToArray(),
        "MKCALENDAR"u8.ToArray(), "MKACTIVITY"u8.ToArray(), "CHECKOUT"u8.ToArray(), "MERGE"u8.ToArray(),
        "M-SEARCH"u8.ToArray(), "NOTIFY"u8.ToArray(), "SUBSCRIBE"u8.ToArray(), "UNSUBSCRIBE"u8.ToArray(),
        "PURGE"u8.ToArray(), "LINK"u8.ToArray(), "UNLINK"u8.ToArray(), "BIND"u8.ToArray(), "REBIND"u8.ToArray(),
        "UNBIND"u8.ToArray(), "ACL"u8.ToArray(), "SOURCE"u8.ToArray(), "PRI"u8.ToArray(),
    ];

    private static readonly SearchValues<byte> s_tokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    private static readonly SearchValues<byte> s_upperMethodChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ-_"u8);

    public static bool IsTokenChar(byte b) => s_tokenChars.Contains(b);

    public static bool IsToken(ReadOnlySpan<byte> s) => !s.IsEmpty && !s.ContainsAnyExcept(s_tokenChars);

    public static bool IsKnownMethod(ReadOnlySpan<byte> method)
    {
        foreach (var known in s_knownMethods)
        {
            if (method.SequenceEqual(known))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Classifies a line start (its first byte is not CR or LF) as a request line.</summary>
    public static StartLineGuess ClassifyRequest(ReadOnlySpan<byte> s, bool strict)
    {
        var window = s.Length > DecisionWindow ? s[..DecisionWindow] : s;
        var tokenEnd = window.IndexOfAnyExcept(s_tokenChars);
        if (tokenEnd < 0)
        {
            if (window.Length > MaxMethodLength)
            {
                return StartLineGuess.Garbage;
            }
            return !strict || IsPrefixOfKnownMethod(window) ? StartLineGuess.NeedMore : StartLineGuess.Garbage;
        }
        if (tokenEnd == 0 || window[tokenEnd] != (byte)' ')
        {
            return StartLineGuess.Garbage;
        }
        var method = window[..tokenEnd];
        if (IsKnownMethod(method))
        {
            return StartLineGuess.Plausible;
        }
        return !strict && !method.ContainsAnyExcept(s_upperMethodChars) ? StartLineGuess.Plausible : StartLineGuess.Garbage;
    }

    /// <summary>Classifies a line start as a status line.</summary>
    public static StartLineGuess ClassifyResponse(ReadOnlySpan<byte> s, bool strict)
    {
        var prefix = strict ? "HTTP/1."u8 : "HTTP/"u8;
        var n = Math.Min(s.Length, prefix.Length);
        if (!s[..n].SequenceEqual(prefix[..n]))
        {
            return StartLineGuess.Garbage;
        }
        return n < prefix.Length ? StartLineGuess.NeedMore : StartLineGuess.Plausible;
    }

    private static bool IsPrefixOfKnownMethod(ReadOnlySpan<byte> s)
    {
        foreach (var known in s_knownMethods)
        {
            if (known.AsSpan().StartsWith(s))
            {
                return true;
            }
        }
        return false;
    }
}
