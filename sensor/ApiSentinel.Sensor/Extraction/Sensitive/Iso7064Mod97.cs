namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>ISO 7064 MOD 97-10, as used by IBAN and LEI: letters count as 10–35, the whole must leave remainder 1.</summary>
internal static class Iso7064Mod97
{
    /// <summary>Remainder mod 97 of the letters-and-digits of <paramref name="text"/> read as one number; -1 if any other char.</summary>
    public static int Remainder(ReadOnlySpan<char> text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return -1;
            }

            remainder = Step(remainder, c);
        }

        return remainder;
    }

    /// <summary>The check over the letters and digits of <paramref name="text"/> as written, ignoring separators.</summary>
    public static bool IsValidAlphanumericsOf(ReadOnlySpan<char> text)
    {
        var remainder = 0;
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                remainder = Step(remainder, c);
                count++;
            }
        }

        return count >= 2 && remainder == 1;
    }

    // A letter stands for two decimal digits (A=10 ... Z=35), hence the * 100.
    private static int Step(int remainder, char c) => char.IsAsciiDigit(c)
        ? ((remainder * 10) + (c - '0')) % 97
        : ((remainder * 100) + (char.ToUpperInvariant(c) - 'A' + 10)) % 97;
}
