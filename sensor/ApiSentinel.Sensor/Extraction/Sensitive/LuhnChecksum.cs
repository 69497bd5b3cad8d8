namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>The Luhn mod-10 check used by payment card numbers (and IMEIs).</summary>
internal static class LuhnChecksum
{
    /// <summary>Validates digit values (0–9, not chars), check digit last.</summary>
    public static bool IsValid(ReadOnlySpan<byte> digits)
    {
        if (digits.Length < 2)
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            int d = digits[i];
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Validates the ASCII digits of <paramref name="text"/>, ignoring anything else (separators).</summary>
    public static bool IsValidDigitsOf(ReadOnlySpan<char> text)
    {
        Span<byte> digits = stackalloc byte[64];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = (byte)(c - '0');
            }
        }

        return IsValid(digits[..count]);
    }
}
