using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Provider API keys recognisable by their fixed prefix and exact shape: AWS access key ids (AKIA/ASIA + 16
/// upper-case letters/digits), Google API keys (AIza + 35), GitHub tokens (ghp_/gho_/ghu_/ghs_/ghr_ + 36
/// alphanumerics, github_pat_ + 60+ word chars), Slack tokens (xoxb-/xoxa-/xoxp-/xoxr-/xoxs- + dash-joined parts)
/// and Stripe live keys (sk_live_/rk_live_ + 20+ alphanumerics). All High: the prefixes are issued for this purpose.
/// </summary>
internal static class CloudKeyDetector
{
    /// <summary>Type and length of a key starting at <paramref name="start"/>, or length 0.</summary>
    public static int MatchLength(ReadOnlySpan<char> s, int start, out string type)
    {
        type = "";
        if (start > 0 && (char.IsAsciiLetterOrDigit(s[start - 1]) || s[start - 1] == '_'))
        {
            return 0;
        }

        var rest = s[start..];
        if (rest.StartsWith("AKIA", StringComparison.Ordinal) || rest.StartsWith("ASIA", StringComparison.Ordinal))
        {
            type = SensitiveTypes.AwsAccessKey;
            return Exact(rest, 4, 16, static c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
        }

        if (rest.StartsWith("AIza", StringComparison.Ordinal))
        {
            type = SensitiveTypes.GoogleApiKey;
            return Exact(rest, 4, 35, static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        }

        if (rest.StartsWith("github_pat_", StringComparison.Ordinal))
        {
            type = SensitiveTypes.GitHubToken;
            var body = Run(rest, 11, static c => char.IsAsciiLetterOrDigit(c) || c == '_');
            return body is >= 60 and <= 255 ? 11 + body : 0;
        }

        if (rest.StartsWith("gh", StringComparison.Ordinal) && rest.Length > 4 && rest[3] == '_' && rest[2] is 'p' or 'o' or 'u' or 's' or 'r')
        {
            type = SensitiveTypes.GitHubToken;
            return Exact(rest, 4, 36, char.IsAsciiLetterOrDigit);
        }

        if (rest.StartsWith("xox", StringComparison.Ordinal) && rest.Length > 5 && rest[4] == '-' && rest[3] is 'b' or 'a' or 'p' or 'r' or 's')
        {
            type = SensitiveTypes.SlackToken;
            var body = Run(rest, 5, static c => char.IsAsciiLetterOrDigit(c) || c == '-');
            var token = rest.Slice(5, body);
            return body >= 10 && token.Contains('-') && token.IndexOfAny(DigitRunBoundary.Digits) >= 0 ? 5 + body : 0;
        }

        if (rest.StartsWith("sk_live_", StringComparison.Ordinal) || rest.StartsWith("rk_live_", StringComparison.Ordinal))
        {
            type = SensitiveTypes.StripeKey;
            var body = Run(rest, 8, char.IsAsciiLetterOrDigit);
            return body >= 20 && !IsWordChar(rest, 8 + body) ? 8 + body : 0;
        }

        return 0;
    }

    private static int Exact(ReadOnlySpan<char> rest, int prefix, int bodyLength, Func<char, bool> isBodyChar)
    {
        var body = Run(rest, prefix, isBodyChar);
        return body == bodyLength && !IsWordChar(rest, prefix + body) ? prefix + body : 0;
    }

    private static int Run(ReadOnlySpan<char> rest, int from, Func<char, bool> isBodyChar)
    {
        var i = from;
        while (i < rest.Length && isBodyChar(rest[i]))
        {
            i++;
        }

        return i - from;
    }

    private static bool IsWordChar(ReadOnlySpan<char> rest, int index) =>
        index < rest.Length && (char.IsAsciiLetterOrDigit(rest[index]) || rest[index] is '_' or '-');
}
