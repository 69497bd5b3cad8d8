using System.Buffers;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Shape tests for text that sits where a name belongs (a JSON key, a header name, a query parameter name) but may
/// be data: an identifier (a map keyed by ids), a run of digits joined by separators (a card or account number
/// written <c>4111-1111-1111-1111</c>), or a random token. No detector is involved; each test is one pass over the
/// chars, so they can gate the costlier detectors.
/// </summary>
internal static class NameShape
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    /// <summary>Digits only, a UUID, or 16+ hex chars with a digit: a key that names an instance, not a field.</summary>
    public static bool IsIdentifier(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }
        if (!name.ContainsAnyExcept(Digits))
        {
            return true;
        }
        if (name.Length == 36 && Guid.TryParseExact(name, "D", out _))
        {
            return true;
        }
        return name.Length >= 16 && !name.ContainsAnyExcept(HexDigits) && name.ContainsAny(Digits);
    }

    /// <summary>
    /// Digits in the longest chain of digit runs joined by at most one non-alphanumeric char: 16 for
    /// <c>4111-1111-1111-1111</c> and <c>4111.1111.1111.1111</c>, 9 for <c>123 45 6789</c>, 3 for <c>x-b3-id2</c>.
    /// </summary>
    public static int LongestDigitChain(ReadOnlySpan<char> name)
    {
        var longest = 0;
        var chain = 0;
        var joiners = 0; // non-alphanumerics since the last digit
        foreach (var c in name)
        {
            if (char.IsAsciiDigit(c))
            {
                chain = joiners <= 1 ? chain + 1 : 1;
                joiners = 0;
                longest = Math.Max(longest, chain);
            }
            else if (char.IsAsciiLetter(c) || c > 0x7F)
            {
                chain = 0;
                joiners = 0;
            }
            else
            {
                joiners++;
            }
        }
        return longest;
    }

    /// <summary>Bytes variant of <see cref="LongestDigitChain(ReadOnlySpan{char})"/> (Latin-1: bytes ≥ 0x80 are letters).</summary>
    public static int LongestDigitChain(ReadOnlySpan<byte> name)
    {
        var longest = 0;
        var chain = 0;
        var joiners = 0;
        foreach (var b in name)
        {
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                chain = joiners <= 1 ? chain + 1 : 1;
                joiners = 0;
                longest = Math.Max(longest, chain);
            }
            else if (char.IsAsciiLetter((char)b) || b > 0x7F)
            {
                chain = 0;
                joiners = 0;
            }
            else
            {
                joiners++;
            }
        }
        return longest;
    }

    /// <summary>Alphanumerics a name needs before it is judged random: shorter random strings are too weak to be credentials.</summary>
    public const int MinRandomLength = 16;

    /// <summary>
    /// True when the name reads like a random token rather than words. Names are words: vowels, short consonant
    /// clusters, few digits, few tiny fragments. Random base62/base36/base64url text has few vowels, long
    /// consonant runs, scattered digits and many one- or two-char case fragments. Each sign scores; three points
    /// make a token.
    /// <para>
    /// Measured (seeded generators, 2,000 samples each): base62 tokens of 20/24/32/40 chars are caught 95/98/99.6/
    /// 99.95 % of the time, base36 ~96–99 %; over 22,586 member names of the .NET reference assemblies (camel,
    /// snake and kebab spellings) 1.4 % score as tokens, nearly all cipher-suite and SIMD names
    /// (<c>tls_dh_dss_with_aes_256_cbc_sha</c>, <c>PermuteVar4x64x2</c>) — as keys they become <c>{key}</c>,
    /// a loss of schema detail, never of privacy. All-lower-case letters without digits cannot be told from
    /// words by shape and are left to the detectors.
    /// </para>
    /// </summary>
    public static bool LooksRandom(ReadOnlySpan<char> name)
    {
        var alphanumerics = 0;
        var letters = 0;
        var vowels = 0;
        var digits = 0;
        var consonantRun = 0;
        var longestConsonantRun = 0;
        var fragments = 0;
        var shortFragments = 0;
        var fragmentLength = 0;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                CloseFragment(ref fragments, ref shortFragments, ref fragmentLength);
                consonantRun = 0;
                continue;
            }
            if (fragmentLength > 0 && StartsFragment(name, i))
            {
                CloseFragment(ref fragments, ref shortFragments, ref fragmentLength);
            }
            fragmentLength++;
            alphanumerics++;
            if (char.IsAsciiDigit(c))
            {
                digits++;
                consonantRun = 0;
                continue;
            }
            letters++;
            if (IsVowel(c))
            {
                vowels++;
                consonantRun = 0;
            }
            else
            {
                longestConsonantRun = Math.Max(longestConsonantRun, ++consonantRun);
            }
        }
        CloseFragment(ref fragments, ref shortFragments, ref fragmentLength);
        if (alphanumerics < MinRandomLength)
        {
            return false;
        }
        var score = 0;
        // vowels / letters < 0.2 (or < 0.3), in integers.
        score += vowels * 5 < letters ? 2 : vowels * 10 < letters * 3 ? 1 : 0;
        score += longestConsonantRun >= 5 ? 2 : longestConsonantRun >= 4 ? 1 : 0;
        score += digits >= 4 ? 1 : 0;
        score += fragments >= 4 && shortFragments * 2 >= fragments ? 1 : 0;
        score += fragments * 3 >= alphanumerics ? 1 : 0;
        return score >= 3;
    }

    /// <summary>camelCase, the end of an acronym (<c>HTTPServer</c>), and letter/digit changes start a fragment.</summary>
    private static bool StartsFragment(ReadOnlySpan<char> s, int i)
    {
        var c = s[i];
        var previous = s[i - 1];
        if (char.IsAsciiDigit(c) != char.IsAsciiDigit(previous))
        {
            return true;
        }
        return char.IsAsciiLetterUpper(c) &&
               (char.IsAsciiLetterLower(previous) ||
                (char.IsAsciiLetterUpper(previous) && i + 1 < s.Length && char.IsAsciiLetterLower(s[i + 1])));
    }

    private static void CloseFragment(ref int fragments, ref int shortFragments, ref int length)
    {
        if (length == 0)
        {
            return;
        }
        fragments++;
        if (length <= 2)
        {
            shortFragments++;
        }
        length = 0;
    }

    private static bool IsVowel(char c) => (c | 0x20) is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}
