namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>IBAN length per country (ISO 13616 registry) for the countries whose IBANs are commonly seen.</summary>
internal static class IbanCountryLengths
{
    // 26x26 table indexed by the two upper-case letters; 0 = not an IBAN country we know.
    private static readonly byte[] s_lengths = Build();

    /// <summary>The IBAN length for a two-letter country code (either case), or 0 when unknown.</summary>
    public static int Of(char first, char second)
    {
        if (!char.IsAsciiLetter(first) || !char.IsAsciiLetter(second))
        {
            return 0;
        }

        return s_lengths[((char.ToUpperInvariant(first) - 'A') * 26) + (char.ToUpperInvariant(second) - 'A')];
    }

    private static byte[] Build()
    {
        const string table =
            "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 " +
            "ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 " +
            "LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 " +
            "RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 TL23 TN24 TR26 UA29 VA22 VG24 XK20";
        var lengths = new byte[26 * 26];
        foreach (var entry in table.Split(' '))
        {
            lengths[((entry[0] - 'A') * 26) + (entry[1] - 'A')] = byte.Parse(entry.AsSpan(2), provider: System.Globalization.CultureInfo.InvariantCulture);
        }

        return lengths;
    }
}
