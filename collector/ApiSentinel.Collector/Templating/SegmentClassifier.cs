namespace ApiSentinel.Collector.Templating;

/// <summary>
/// Recognises identifier-shaped path segments, which are parameters on their own evidence. Every rule errs towards
/// "word": a word wrongly left literal is still merged by cardinality when it really is a value, whereas a literal
/// wrongly made a parameter merges distinct endpoints and cannot be undone. Checks are ordered cheapest-first on
/// spans, without allocation.
/// </summary>
internal static class SegmentClassifier
{
    public const string RedactedMarker = "REDACTED";

    public static ValueClass Classify(ReadOnlySpan<char> segment)
    {
        if (segment.IsEmpty)
        {
            return ValueClass.None;
        }

        if (segment.SequenceEqual(RedactedMarker))
        {
            return ValueClass.Redacted;
        }

        int digits = 0, hexLetters = 0, lower = 0, upper = 0, other = 0;
        foreach (char c in segment)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                lower++;
                if (c <= 'f')
                {
                    hexLetters++;
                }
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                upper++;
                if (c <= 'F')
                {
                    hexLetters++;
                }
            }
            else
            {
                other++;
            }
        }

        int length = segment.Length;
        if (digits == length)
        {
            return length == 8 && IsCompactDate(segment) ? ValueClass.Date : ValueClass.Digits;
        }

        if (digits == 0)
        {
            // Every class below carries digits, except an e-mail address and a random mixed-case token (random
            // base62 of 14+ characters has no digit about 8% of the time: Stripe's "cus_NffrFeUfNVaHib").
            return IsEmail(segment) ? ValueClass.Email
                : length >= 16 && IsRandomMixedCase(segment, upper, lower) && IsBase64Alphabet(segment) ? ValueClass.Base64Token
                : ValueClass.None;
        }

        if (other == 0 && digits + hexLetters == length)
        {
            if (length == 24)
            {
                return ValueClass.MongoObjectId;
            }

            // Eight hex digits with at least one digit and one letter: short commit SHAs, request ids. Shorter
            // strings collide with words ("cafe1"), and all-digit strings are already integers.
            if (length >= 8 && (length != 26 || !IsUlid(segment)))
            {
                return ValueClass.Hex;
            }
        }

        if (length == 36 && IsUuid(segment))
        {
            return ValueClass.Uuid;
        }

        if (length == 26 && other == 0 && IsUlid(segment))
        {
            return ValueClass.Ulid;
        }

        if (length == 10 && IsIsoDate(segment))
        {
            return ValueClass.Date;
        }

        if (IsEmail(segment))
        {
            return ValueClass.Email;
        }

        // Random base64/base64url tokens of 16+ characters almost always mix upper, lower and digits; camel-case
        // words ("getUserProfileById") have no digits and stay words. Covers Stripe-style "cus_NffrFeUfNV2Hib".
        if (length >= 16 && upper > 0 && lower > 0 && IsBase64Alphabet(segment))
        {
            return ValueClass.Base64Token;
        }

        return IsHighEntropy(segment, digits) ? ValueClass.HighEntropy : ValueClass.None;
    }

    /// <summary>
    /// Looser than any value class: 12+ base64 characters mixing upper and lower case that are not camel-case words.
    /// Only used for rare words at a position that already holds identifiers. Mixed case alone took camel-case names
    /// for tokens: <c>PayInstructions</c>, <c>ThirdPartyTransactions</c> and <c>connectionStats</c> next to dates and
    /// ids were merged into the id (dev partition, seed 1: payrun-io and meraki-com, "token-shaped: 18 rare mixed-case
    /// words").
    /// </summary>
    public static bool IsTokenShaped(ReadOnlySpan<char> segment) =>
        segment.Length >= 12 && segment.ContainsAnyInRange('A', 'Z') && segment.ContainsAnyInRange('a', 'z') &&
        IsBase64Alphabet(segment) && !IsCamelCaseWords(segment);

    /// <summary>
    /// Letters only, every capital starting a hump of at least two lower-case letters (<c>connectionStats</c>,
    /// <c>PayInstructions</c>). Random base62 almost never does: each capital is followed by two lower-case letters
    /// with chance (26/62)² ≈ 0.18, and a random 14-character token has three or four capitals.
    /// </summary>
    public static bool IsCamelCaseWords(ReadOnlySpan<char> segment)
    {
        for (int i = 0; i < segment.Length; i++)
        {
            char c = segment[i];
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }

            if (char.IsAsciiLetterUpper(c) &&
                (i + 2 >= segment.Length || !char.IsAsciiLetterLower(segment[i + 1]) || !char.IsAsciiLetterLower(segment[i + 2])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// An API version: <c>v1</c>, <c>V2</c>, <c>v1.2</c>, <c>v1_2</c>, <c>v2beta1</c>, <c>v1alpha</c>. A release number
    /// with three or more parts (<c>v1.2.3</c>) is not: APIs version by major (and at most minor), packages and
    /// firmware by release, so such a segment is a value (<c>/packages/{name}/v1.2.3</c>) and is not protected.
    /// </summary>
    public static bool IsVersion(ReadOnlySpan<char> segment)
    {
        if (segment.Length < 2 || (segment[0] | 0x20) != 'v' || !char.IsAsciiDigit(segment[1]))
        {
            return false;
        }

        int i = 1, separators = 0;
        while (i < segment.Length && (char.IsAsciiDigit(segment[i]) || ((segment[i] == '.' || segment[i] == '_') && i + 1 < segment.Length && char.IsAsciiDigit(segment[i + 1]))))
        {
            separators += char.IsAsciiDigit(segment[i]) ? 0 : 1;
            i++;
        }

        if (separators > 1)
        {
            return false;
        }

        while (i < segment.Length && char.IsAsciiLetterLower(segment[i]))
        {
            i++;
        }

        while (i < segment.Length && char.IsAsciiDigit(segment[i]))
        {
            i++;
        }

        return i == segment.Length;
    }

    /// <summary>A date-named API version (<c>2024-01-01</c>, Stripe/Azure style) — only meaningful in the path prefix.</summary>
    public static bool IsDateVersion(ReadOnlySpan<char> segment) =>
        (segment.Length == 10 && IsIsoDate(segment)) || (segment.Length == 8 && IsCompactDate(segment));

    private static bool IsUuid(ReadOnlySpan<char> s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            bool dash = i is 8 or 13 or 18 or 23;
            if (dash ? s[i] != '-' : !char.IsAsciiHexDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>26 Crockford base32 characters whose first is 0–7 (the 48-bit timestamp cannot overflow).</summary>
    private static bool IsUlid(ReadOnlySpan<char> s)
    {
        if (s[0] is < '0' or > '7')
        {
            return false;
        }

        int digits = 0;
        foreach (char raw in s)
        {
            char c = char.ToUpperInvariant(raw);
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!char.IsAsciiLetterUpper(c) || c is 'I' or 'L' or 'O' or 'U')
            {
                return false;
            }
        }

        return digits >= 2;
    }

    private static bool IsIsoDate(ReadOnlySpan<char> s) =>
        s[4] == '-' && s[7] == '-' && TryNumber(s[..4], out int year) && TryNumber(s.Slice(5, 2), out int month) &&
        TryNumber(s.Slice(8, 2), out int day) && IsPlausibleDate(year, month, day);

    private static bool IsCompactDate(ReadOnlySpan<char> s) =>
        TryNumber(s[..4], out int year) && TryNumber(s.Slice(4, 2), out int month) &&
        TryNumber(s.Slice(6, 2), out int day) && IsPlausibleDate(year, month, day);

    private static bool IsPlausibleDate(int year, int month, int day) =>
        year is >= 1900 and <= 2199 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static bool TryNumber(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary><c>local@domain.tld</c>, also percent-encoded (<c>%40</c>) as clients often send it in paths.</summary>
    private static bool IsEmail(ReadOnlySpan<char> s)
    {
        int at = s.IndexOf('@');
        int separatorLength = 1;
        if (at < 0)
        {
            at = s.IndexOf("%40", StringComparison.OrdinalIgnoreCase);
            separatorLength = 3;
        }

        if (at <= 0)
        {
            return false;
        }

        ReadOnlySpan<char> domain = s[(at + separatorLength)..];
        int dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 2 && domain.IndexOfAny('@', '/') < 0;
    }

    /// <summary>
    /// Random mixed case, unlike camel case (<c>getUserProfileById</c>: few capitals, each starting a hump of
    /// lower-case letters): at least 25% capitals and 25% lower case, and at least two places where capitals touch or
    /// a single lower-case letter sits between two capitals.
    /// </summary>
    private static bool IsRandomMixedCase(ReadOnlySpan<char> s, int upper, int lower)
    {
        if (upper * 4 < upper + lower || lower * 4 < upper + lower)
        {
            return false;
        }

        int irregular = 0;
        for (int i = 1; i < s.Length; i++)
        {
            bool upperHere = char.IsAsciiLetterUpper(s[i]);
            if (upperHere && char.IsAsciiLetterUpper(s[i - 1]))
            {
                irregular++;
            }
            else if (upperHere && i >= 2 && char.IsAsciiLetterLower(s[i - 1]) && char.IsAsciiLetterUpper(s[i - 2]))
            {
                irregular++;
            }
        }

        return irregular >= 2;
    }

    private static bool IsBase64Alphabet(ReadOnlySpan<char> s)
    {
        int end = s.Length;
        while (end > 0 && s[end - 1] == '=')
        {
            end--;
        }

        foreach (char c in s[..end])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Short random ids (<c>a8f3kz92mq</c>): 10+ alphanumerics flipping between letters and digits at least three
    /// times, with no word of 4+ letters between separators (slugs such as <c>release-2024-notes</c> stay words).
    /// </summary>
    private static bool IsHighEntropy(ReadOnlySpan<char> s, int digits)
    {
        if (digits < 2)
        {
            return false;
        }

        int alphanumerics = 0, transitions = 0, wordPartLetters = 0;
        bool wordPart = true, hasLongWordPart = false;
        int previousKind = 0; // 1 letter, 2 digit
        foreach (char c in s)
        {
            int kind = char.IsAsciiDigit(c) ? 2 : char.IsAsciiLetter(c) ? 1 : 0;
            if (kind == 0)
            {
                if (c is not ('-' or '_' or '.'))
                {
                    return false;
                }

                hasLongWordPart |= wordPart && wordPartLetters >= 4;
                wordPart = true;
                wordPartLetters = 0;
                continue;
            }

            alphanumerics++;
            if (kind == 1)
            {
                wordPartLetters++;
            }
            else
            {
                wordPart = false;
            }

            if (previousKind != 0 && previousKind != kind)
            {
                transitions++;
            }

            previousKind = kind;
        }

        hasLongWordPart |= wordPart && wordPartLetters >= 4;
        return alphanumerics >= 10 && alphanumerics - digits >= 2 && transitions >= 3 && !hasLongWordPart;
    }
}
