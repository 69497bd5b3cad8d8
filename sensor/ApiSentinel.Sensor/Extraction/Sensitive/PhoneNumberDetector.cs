using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Phone numbers. Accepted shapes:
/// <list type="bullet">
/// <item>international: '+' then 8–15 digits, optionally grouped ("+14155552671", "+44 20 7946 0958", "+1 (555) 123-4567");</item>
/// <item>national with separators, 10 digits grouped 3-3-4 ("555-123-4567", "(555) 123-4567", "555.123.4567"), an
/// 11-digit 1-3-3-4 with trunk 1, or 10–11 digits starting with trunk 0 ("020 7946 0958", "07700 900123");</item>
/// <item>anything with 7–15 digits, including a bare run, only when the field is named phone/mobile/tel/...</item>
/// </list>
/// Those shapes keep dates (4-2-2, 8 digits), IPv4 addresses and version numbers (dot-separated, not 3-3-4), card
/// numbers (13+ digits without '+', and already claimed) and money ("1 234 567 890") out. Medium confidence, High
/// with field context.
/// </summary>
internal static class PhoneNumberDetector
{
    private const int MaxGroups = 8;
    private const int MaxDigits = 15;

    public static void Scan(ReadOnlySpan<char> s, FieldContext context, List<SensitiveMatch> results, int from)
    {
        var phoneField = context == FieldContext.Phone;
        var i = 0;
        while (i < s.Length)
        {
            var next = s[i..].IndexOfAny(StartChars);
            if (next < 0)
            {
                return;
            }

            i += next;
            if (!DigitRunBoundary.IsStart(s, i))
            {
                i = char.IsAsciiDigit(s[i]) ? DigitRunBoundary.SkipDigits(s, i) : i + 1;
                continue;
            }

            var shape = Parse(s, i);
            if (shape.End == i)
            {
                i++;
                continue;
            }

            var length = shape.End - i;
            if (DigitRunBoundary.IsEnd(s, shape.End) && IsPhone(shape, phoneField) &&
                !MatchOverlap.Overlaps(results, from, i, length))
            {
                var confidence = phoneField ? SensitiveConfidence.High : SensitiveConfidence.Medium;
                results.Add(new SensitiveMatch(SensitiveTypes.PhoneNumber, i, length, confidence));
            }

            i = shape.End;
        }
    }

    private static readonly System.Buffers.SearchValues<char> StartChars = System.Buffers.SearchValues.Create("+(0123456789");

    /// <summary>What the parser saw: digits, groups, separators. Group lengths of the first three groups are kept for shape rules.</summary>
    private struct Shape
    {
        public int End;
        public bool Plus;
        public bool Parenthesised;
        public int Digits;
        public int Groups;
        public int Group0;
        public int Group1;
        public int Group2;
        public int Group3;
        public char FirstDigit;
        public bool SawDot;
        public bool SawOtherSeparator;
    }

    private static Shape Parse(ReadOnlySpan<char> s, int start)
    {
        var shape = new Shape { End = start };
        var position = start;
        if (s[position] == '+')
        {
            shape.Plus = true;
            position++;
            if (position >= s.Length || !(char.IsAsciiDigit(s[position]) || s[position] == '('))
            {
                return shape;
            }
        }

        while (position < s.Length && shape.Groups < MaxGroups)
        {
            int groupEnd;
            int digits;
            if (s[position] == '(')
            {
                var closeRel = s[(position + 1)..].IndexOfAnyExcept(DigitRunBoundary.Digits);
                var close = closeRel < 0 ? -1 : position + 1 + closeRel;
                digits = close - position - 1;
                if (close < 0 || s[close] != ')' || digits is < 1 or > 5 || shape.Parenthesised)
                {
                    break;
                }

                shape.Parenthesised = true;
                groupEnd = close + 1;
            }
            else if (char.IsAsciiDigit(s[position]))
            {
                groupEnd = DigitRunBoundary.SkipDigits(s, position);
                digits = groupEnd - position;
            }
            else
            {
                break;
            }

            if (shape.Digits == 0)
            {
                shape.FirstDigit = s[position] == '(' ? s[position + 1] : s[position];
            }

            shape.Digits += digits;
            switch (shape.Groups)
            {
                case 0: shape.Group0 = digits; break;
                case 1: shape.Group1 = digits; break;
                case 2: shape.Group2 = digits; break;
                case 3: shape.Group3 = digits; break;
                default: break;
            }

            shape.Groups++;
            shape.End = groupEnd;
            position = groupEnd;
            if (shape.Digits > MaxDigits + 4)
            {
                break; // far too long for a phone; stop early, the caller rejects it
            }

            // One separator between groups; after ")" it is optional ("(555)123-4567").
            if (position < s.Length && s[position] is ' ' or '-' or '.' && position + 1 < s.Length &&
                (char.IsAsciiDigit(s[position + 1]) || s[position + 1] == '('))
            {
                if (s[position] == '.')
                {
                    shape.SawDot = true;
                }
                else
                {
                    shape.SawOtherSeparator = true;
                }

                position++;
            }
            else if (!(s[position - 1] == ')' && position < s.Length && char.IsAsciiDigit(s[position])))
            {
                break;
            }
        }

        return shape;
    }

    private static bool IsPhone(in Shape shape, bool phoneField)
    {
        if (shape.Digits > MaxDigits || (shape.SawDot && shape.SawOtherSeparator))
        {
            return false;
        }

        if (phoneField)
        {
            return shape.Digits >= 7;
        }

        if (shape.Plus)
        {
            return shape.Digits >= 8;
        }

        if (shape.Groups < 2)
        {
            return false; // bare digit runs need field context
        }

        var nanp = shape.Groups == 3 && shape.Group0 == 3 && shape.Group1 == 3 && shape.Group2 == 4;
        if (shape.SawDot && !nanp)
        {
            return false; // IPv4 addresses, versions, decimals
        }

        return shape.Digits switch
        {
            10 => nanp || shape.FirstDigit == '0',
            11 => (shape.FirstDigit == '1' && shape.Groups == 4 && shape.Group0 == 1 && shape.Group1 == 3 &&
                   shape.Group2 == 3 && shape.Group3 == 4) || shape.FirstDigit == '0',
            _ => false,
        };
    }
}
