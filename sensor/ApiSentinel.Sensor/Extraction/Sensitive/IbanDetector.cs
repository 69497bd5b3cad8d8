using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// IBANs: two-letter country, two check digits, then the BBAN; exactly the country's length; letters and digits
/// only, optionally printed in groups of four separated by single spaces; mod-97 of the rearranged number is 1.
/// Lower case is accepted (people type it). Country + length + mod-97 make a false positive very unlikely, so
/// every match is High.
/// </summary>
internal static class IbanDetector
{
    private const int MaxLength = 34;

    public static void Scan(ReadOnlySpan<char> s, List<SensitiveMatch> results, int from)
    {
        // Anchor on the two check digits: far fewer positions than letters in prose.
        for (var i = 2; i + 2 <= s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i]) || !char.IsAsciiDigit(s[i + 1]) || !char.IsAsciiLetter(s[i - 1]) ||
                !char.IsAsciiLetter(s[i - 2]))
            {
                continue;
            }

            var start = i - 2;
            if (start > 0 && char.IsAsciiLetterOrDigit(s[start - 1]))
            {
                continue;
            }

            var length = MatchLength(s, start);
            if (length > 0 && !MatchOverlap.Overlaps(results, from, start, length))
            {
                results.Add(new SensitiveMatch(SensitiveTypes.Iban, start, length, SensitiveConfidence.High));
                i = start + length;
            }
        }
    }

    /// <summary>Chars spanned by a valid IBAN starting at <paramref name="start"/>, or 0.</summary>
    private static int MatchLength(ReadOnlySpan<char> s, int start)
    {
        var expected = IbanCountryLengths.Of(s[start], s[start + 1]);
        if (expected == 0)
        {
            return 0;
        }

        Span<char> compact = stackalloc char[MaxLength];
        var count = 0;
        var position = start;
        while (count < expected && position < s.Length)
        {
            var c = s[position];
            if (char.IsAsciiLetterOrDigit(c))
            {
                compact[count++] = c;
                position++;
            }
            else if (c == ' ' && count % 4 == 0 && position + 1 < s.Length && char.IsAsciiLetterOrDigit(s[position + 1]))
            {
                position++;
            }
            else
            {
                break;
            }
        }

        if (count != expected || (position < s.Length && char.IsAsciiLetterOrDigit(s[position])))
        {
            return 0;
        }

        return HasValidCheckDigits(compact[..count]) ? position - start : 0;
    }

    /// <summary>Mod-97 after moving country code and check digits to the end (ISO 13616).</summary>
    internal static bool HasValidCheckDigits(ReadOnlySpan<char> compact)
    {
        Span<char> rearranged = stackalloc char[MaxLength];
        if (compact.Length is < 5 or > MaxLength)
        {
            return false;
        }

        compact[4..].CopyTo(rearranged);
        compact[..4].CopyTo(rearranged[(compact.Length - 4)..]);
        return Iso7064Mod97.Remainder(rearranged[..compact.Length]) == 1;
    }

    /// <summary>Whole-IBAN validation of free-form text (spaces allowed anywhere), used by the custom Iban validator.</summary>
    internal static bool IsValid(ReadOnlySpan<char> text)
    {
        Span<char> compact = stackalloc char[MaxLength];
        var count = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) || count == MaxLength)
            {
                return false;
            }

            compact[count++] = c;
        }

        return count >= 5 && IbanCountryLengths.Of(compact[0], compact[1]) == count &&
               char.IsAsciiDigit(compact[2]) && char.IsAsciiDigit(compact[3]) && HasValidCheckDigits(compact[..count]);
    }
}
