using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// US Social Security numbers, AAA-GG-SSSS. Nine bare digits (or space-separated groups) are far too common to
/// mean anything on their own, so they count only in a field named like ssn/social security.
/// Rejected as never issued: area 000, 666 and 900–999, group 00, serial 0000. Also rejected: 078-05-1120 (the
/// "Woolworth wallet card" number printed in 1938 and since voided), 219-09-9999 (printed in a 1940 SSA
/// advertisement, voided) and 123-45-6789 (the canonical placeholder: reporting it would flood results with test data).
/// </summary>
internal static class UsSsnDetector
{
    public static void Scan(ReadOnlySpan<char> s, FieldContext context, List<SensitiveMatch> results, int from)
    {
        var ssnField = context == FieldContext.Ssn;
        var i = 0;
        while (i < s.Length)
        {
            var next = s[i..].IndexOfAny(DigitRunBoundary.Digits);
            if (next < 0)
            {
                return;
            }

            i += next;
            var runEnd = DigitRunBoundary.SkipDigits(s, i);
            if (!DigitRunBoundary.IsStart(s, i))
            {
                i = runEnd;
                continue;
            }

            var length = MatchLength(s, i, runEnd, ssnField);
            if (length > 0 && !MatchOverlap.Overlaps(results, from, i, length))
            {
                var confidence = ssnField ? SensitiveConfidence.High : SensitiveConfidence.Medium;
                results.Add(new SensitiveMatch(SensitiveTypes.UsSsn, i, length, confidence));
                i += length;
            }
            else
            {
                i = runEnd;
            }
        }
    }

    /// <summary>Length of a valid SSN at <paramref name="start"/> (whose digit run ends at <paramref name="runEnd"/>), or 0.</summary>
    private static int MatchLength(ReadOnlySpan<char> s, int start, int runEnd, bool ssnField)
    {
        if (ssnField && runEnd - start == 9)
        {
            return DigitRunBoundary.IsEnd(s, runEnd) && IsValid(s.Slice(start, 3), s.Slice(start + 3, 2), s.Slice(start + 5, 4)) ? 9 : 0;
        }

        if (runEnd - start != 3 || start + 11 > s.Length)
        {
            return 0;
        }

        var separator = s[start + 3];
        var allowed = separator == '-' || (ssnField && separator == ' ');
        if (!allowed || s[start + 6] != separator ||
            !IsDigits(s.Slice(start + 4, 2)) || !IsDigits(s.Slice(start + 7, 4)) || !DigitRunBoundary.IsEnd(s, start + 11))
        {
            return 0;
        }

        return IsValid(s.Slice(start, 3), s.Slice(start + 4, 2), s.Slice(start + 7, 4)) ? 11 : 0;
    }

    private static bool IsDigits(ReadOnlySpan<char> s) => s.IndexOfAnyExcept(DigitRunBoundary.Digits) < 0;

    private static bool IsValid(ReadOnlySpan<char> area, ReadOnlySpan<char> group, ReadOnlySpan<char> serial)
    {
        if (area.SequenceEqual("000") || area.SequenceEqual("666") || area[0] == '9' ||
            group.SequenceEqual("00") || serial.SequenceEqual("0000"))
        {
            return false;
        }

        return !IsKnownInvalid(area, group, serial, "078", "05", "1120") &&
               !IsKnownInvalid(area, group, serial, "219", "09", "9999") &&
               !IsKnownInvalid(area, group, serial, "123", "45", "6789");
    }

    private static bool IsKnownInvalid(ReadOnlySpan<char> area, ReadOnlySpan<char> group, ReadOnlySpan<char> serial, string a, string g, string s) =>
        area.SequenceEqual(a) && group.SequenceEqual(g) && serial.SequenceEqual(s);
}
