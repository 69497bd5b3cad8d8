using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Payment card numbers: 13–19 digits, either one unbroken run or groups separated by one consistent space or
/// dash ("4111 1111 1111 1111", Amex "3782 822463 10005"), that pass Luhn and an issuer prefix/length rule and are
/// not all one digit. A grouped number starts with a 4-digit group; later groups are 3–6 digits. When more groups
/// follow ("... 1111 2023") the longest valid prefix wins.
/// </summary>
internal static class PaymentCardDetector
{
    private const int MaxDigits = 19;
    private const int MaxGroups = 8;

    public static void Scan(ReadOnlySpan<char> s, FieldContext context, List<SensitiveMatch> results, int from)
    {
        var i = 0;
        while (i < s.Length)
        {
            var next = s[i..].IndexOfAny(DigitRunBoundary.Digits);
            if (next < 0)
            {
                return;
            }

            i += next;
            if (!DigitRunBoundary.IsStart(s, i))
            {
                i = DigitRunBoundary.SkipDigits(s, i);
                continue;
            }

            i = TryMatchAt(s, i, context, results, from);
        }
    }

    /// <summary>Tries a card starting at <paramref name="start"/>; returns where scanning resumes.</summary>
    private static int TryMatchAt(ReadOnlySpan<char> s, int start, FieldContext context, List<SensitiveMatch> results, int from)
    {
        var firstEnd = DigitRunBoundary.SkipDigits(s, start);
        var firstLength = firstEnd - start;
        if (firstLength >= 13)
        {
            if (firstLength <= MaxDigits && DigitRunBoundary.IsEnd(s, firstEnd) && !IsEnclosedByEquals(s, start, firstEnd) &&
                IsCard(s[start..firstEnd]))
            {
                var confidence = context == FieldContext.Card ? SensitiveConfidence.High : SensitiveConfidence.Medium;
                Add(results, from, start, firstLength, confidence);
            }

            return firstEnd;
        }

        if (firstLength != 4)
        {
            return firstEnd;
        }

        // Grouped form: record where each group ends and how many digits precede that end.
        Span<int> groupEnds = stackalloc int[MaxGroups];
        Span<int> digitCounts = stackalloc int[MaxGroups];
        groupEnds[0] = firstEnd;
        digitCounts[0] = 4;
        var groups = 1;
        var separator = '\0';
        var position = firstEnd;
        while (groups < MaxGroups && position + 1 < s.Length && s[position] is ' ' or '-' &&
               (separator == '\0' || s[position] == separator) && char.IsAsciiDigit(s[position + 1]))
        {
            var groupEnd = DigitRunBoundary.SkipDigits(s, position + 1);
            var groupLength = groupEnd - position - 1;
            if (groupLength is < 3 or > 6 || digitCounts[groups - 1] + groupLength > MaxDigits)
            {
                break;
            }

            separator = s[position];
            groupEnds[groups] = groupEnd;
            digitCounts[groups] = digitCounts[groups - 1] + groupLength;
            groups++;
            position = groupEnd;
        }

        for (var g = groups - 1; g >= 1; g--)
        {
            if (digitCounts[g] >= 13 && DigitRunBoundary.IsEnd(s, groupEnds[g]) && IsCard(s[start..groupEnds[g]]))
            {
                // Grouped like a printed card: that formatting is itself evidence.
                Add(results, from, start, groupEnds[g] - start, SensitiveConfidence.High);
                return groupEnds[g];
            }
        }

        return groupEnds[groups - 1];
    }

    /// <summary>Luhn + issuer + not synthetic, over the digits of <paramref name="candidate"/> (separators skipped).</summary>
    internal static bool IsCard(ReadOnlySpan<char> candidate)
    {
        Span<byte> digits = stackalloc byte[MaxDigits];
        var count = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == MaxDigits)
                {
                    return false;
                }

                digits[count++] = (byte)(c - '0');
            }
        }

        digits = digits[..count];
        return digits.IndexOfAnyExcept(digits[0]) >= 0 && PaymentCardIssuers.IsKnown(digits) && LuhnChecksum.IsValid(digits);
    }

    private static void Add(List<SensitiveMatch> results, int from, int start, int length, SensitiveConfidence confidence)
    {
        if (!MatchOverlap.Overlaps(results, from, start, length))
        {
            results.Add(new SensitiveMatch(SensitiveTypes.CreditCard, start, length, confidence));
        }
    }

    /// <summary>
    /// A digit run between '=' signs (<c>===============6011604389216423==</c>) is a MIME boundary, which mail
    /// and multipart libraries build from random 19-digit numbers: one in ten passes Luhn, and the
    /// deeply-nested-mime corpus trace reported 20 "cards" that way. A value after '=' alone (<c>card=4111…</c>)
    /// is still a candidate.
    /// </summary>
    private static bool IsEnclosedByEquals(ReadOnlySpan<char> s, int start, int end) =>
        start > 0 && s[start - 1] == '=' && end < s.Length && s[end] == '=';
}
