using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Email addresses, a pragmatic RFC 5322 subset: local part of letters, digits and <c>. _ % + - '</c> (no leading,
/// trailing or doubled dot, at most 64 chars); a domain of at least two dot-separated labels of letters, digits
/// and inner hyphens; a final label of two or more letters. Not reported: addresses glued into a longer token,
/// URL user-info ("https://user:pass@host"), and asset names like "icon@2x.png".
/// </summary>
internal static class EmailDetector
{
    private const int MaxLocal = 64;
    private const int MaxDomain = 253;

    public static void Scan(ReadOnlySpan<char> s, FieldContext context, List<SensitiveMatch> results, int from)
    {
        var at = s.IndexOf('@');
        while (at >= 0)
        {
            var end = TryMatch(s, at, out var start);
            if (end > 0 && !MatchOverlap.Overlaps(results, from, start, end - start))
            {
                results.Add(new SensitiveMatch(SensitiveTypes.Email, start, end - start, SensitiveConfidence.High));
            }

            var next = s[(at + 1)..].IndexOf('@');
            at = next < 0 ? -1 : at + 1 + next;
        }

        _ = context; // Emails are unambiguous enough that field context adds nothing; kept for a uniform detector shape.
    }

    /// <summary>End (exclusive) of an address whose '@' is at <paramref name="at"/>, or 0.</summary>
    private static int TryMatch(ReadOnlySpan<char> s, int at, out int start)
    {
        start = at;
        while (start > 0 && at - start <= MaxLocal && IsLocalChar(s[start - 1]))
        {
            start--;
        }

        if (at - start > MaxLocal || (start > 0 && IsLocalChar(s[start - 1])))
        {
            return 0; // longer than any local part: part of some other token
        }

        while (start < at && s[start] == '.')
        {
            start++;
        }

        var local = s[start..at];
        if (local.IsEmpty || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return 0;
        }

        if (start > 0 && (s[start - 1] == '@' || IsUrlUserInfo(s, start)))
        {
            return 0;
        }

        var end = DomainEnd(s, at + 1, out var lastLabelStart);
        if (end == 0)
        {
            return 0;
        }

        if (end < s.Length && (char.IsAsciiLetterOrDigit(s[end]) || s[end] is '_' or '@' or '-'))
        {
            return 0;
        }

        var tld = s[lastLabelStart..end];
        return IsAssetExtension(tld) ? 0 : end;
    }

    /// <summary>End of a valid domain starting at <paramref name="start"/>, or 0. A trailing sentence dot is not included.</summary>
    private static int DomainEnd(ReadOnlySpan<char> s, int start, out int lastLabelStart)
    {
        lastLabelStart = start;
        var position = start;
        var labels = 0;
        var end = 0;
        while (position < s.Length && position - start <= MaxDomain)
        {
            var labelStart = position;
            while (position < s.Length && (char.IsAsciiLetterOrDigit(s[position]) || s[position] == '-'))
            {
                position++;
            }

            var label = s[labelStart..position];
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                break;
            }

            labels++;
            if (labels >= 2 && label.Length >= 2 && label.IndexOfAnyExcept(LetterSet) < 0)
            {
                end = position;
                lastLabelStart = labelStart;
            }

            if (position + 1 < s.Length && s[position] == '.' && char.IsAsciiLetterOrDigit(s[position + 1]))
            {
                position++;
                continue;
            }

            break;
        }

        // The address must end where the domain parse stopped: "x@host.com1" or "x@host.com-a" are other tokens.
        return end == position ? end : 0;
    }

    private static readonly System.Buffers.SearchValues<char> LetterSet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' or '\'';

    /// <summary>True when "://" occurs earlier in the same whitespace/quote-delimited token: the '@' separates URL user-info.</summary>
    private static bool IsUrlUserInfo(ReadOnlySpan<char> s, int localStart)
    {
        var tokenStart = s[..localStart].LastIndexOfAny(" \t\r\n\"'<>");
        var token = s[(tokenStart + 1)..localStart];
        return token.Contains("://", StringComparison.Ordinal);
    }

    private static bool IsAssetExtension(ReadOnlySpan<char> tld) =>
        tld.Equals("png", StringComparison.OrdinalIgnoreCase) || tld.Equals("jpg", StringComparison.OrdinalIgnoreCase) ||
        tld.Equals("jpeg", StringComparison.OrdinalIgnoreCase) || tld.Equals("gif", StringComparison.OrdinalIgnoreCase) ||
        tld.Equals("svg", StringComparison.OrdinalIgnoreCase) || tld.Equals("webp", StringComparison.OrdinalIgnoreCase) ||
        tld.Equals("ico", StringComparison.OrdinalIgnoreCase) || tld.Equals("css", StringComparison.OrdinalIgnoreCase) ||
        tld.Equals("js", StringComparison.OrdinalIgnoreCase);
}
