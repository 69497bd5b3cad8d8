using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// AWS secret access keys: 40 chars of base64 alphabet (A–Z a–z 0–9 / +). That shape alone matches countless
/// hashes and ids, so it is reported only with context: a value whose field is named like
/// aws_secret_access_key, or in text within a few chars after such a key name ("aws_secret_access_key = ...",
/// "\"SecretAccessKey\": \"...\"").
/// </summary>
internal static class AwsSecretKeyDetector
{
    private const int KeyLength = 40;
    private const int MaxGap = 6;

    // One vectorised pass for both spellings; two IndexOf(OrdinalIgnoreCase) calls were ~7x the cost of the whole
    // IBAN scan on a 64 KiB JSON body.
    private static readonly System.Buffers.SearchValues<string> KeyNames =
        System.Buffers.SearchValues.Create(["secret_access_key", "secretaccesskey"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Value in an aws-secret field: the whole value, trimmed, must have the key's shape.</summary>
    public static void ScanField(ReadOnlySpan<char> s, List<SensitiveMatch> results, int from)
    {
        var trimmed = s.Trim();
        var start = s.Length - s.TrimStart().Length;
        if (trimmed.Length == KeyLength && IsKeyShaped(trimmed) && !MatchOverlap.Overlaps(results, from, start, KeyLength))
        {
            results.Add(new SensitiveMatch(SensitiveTypes.AwsSecretKey, start, KeyLength, SensitiveConfidence.High));
        }
    }

    /// <summary>Free text: a key-shaped token shortly after "secret_access_key" / "SecretAccessKey" (any case).</summary>
    public static void ScanText(ReadOnlySpan<char> s, List<SensitiveMatch> results, int from)
    {
        var position = 0;
        while (position < s.Length)
        {
            var found = s[position..].IndexOfAny(KeyNames);
            if (found < 0)
            {
                return;
            }

            var keyStart = position + found;
            var keyLength = s[keyStart..].StartsWith("secret_", StringComparison.OrdinalIgnoreCase) ? 17 : 15;
            var valueStart = keyStart + keyLength;
            var gapEnd = Math.Min(s.Length, valueStart + MaxGap);
            while (valueStart < gapEnd && s[valueStart] is ' ' or '\t' or '"' or '\'' or '=' or ':')
            {
                valueStart++;
            }

            var valueEnd = valueStart;
            while (valueEnd < s.Length && IsKeyChar(s[valueEnd]))
            {
                valueEnd++;
            }

            if (valueEnd - valueStart == KeyLength && IsKeyShaped(s[valueStart..valueEnd]) &&
                !MatchOverlap.Overlaps(results, from, valueStart, KeyLength))
            {
                results.Add(new SensitiveMatch(SensitiveTypes.AwsSecretKey, valueStart, KeyLength, SensitiveConfidence.High));
            }

            position = Math.Max(valueEnd, keyStart + 1);
        }
    }

    /// <summary>Key alphabet, and mixed: real keys contain both cases and digits, a hex hash or a word does not.</summary>
    private static bool IsKeyShaped(ReadOnlySpan<char> token)
    {
        bool upper = false, lower = false, digit = false;
        foreach (var c in token)
        {
            if (!IsKeyChar(c))
            {
                return false;
            }

            upper |= char.IsAsciiLetterUpper(c);
            lower |= char.IsAsciiLetterLower(c);
            digit |= char.IsAsciiDigit(c);
        }

        return upper && lower && digit;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '+';
}
