namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>Check a custom detector's regex match must also pass before it is reported.</summary>
public enum CustomValidator
{
    /// <summary>The regex alone decides.</summary>
    None,

    /// <summary>Luhn mod-10 over the digits of the match (card-like identifiers, IMEI, ...).</summary>
    Luhn,

    /// <summary>ISO 7064 MOD 97-10 over the letters and digits of the match, as written (remainder 1), e.g. LEI codes.</summary>
    Mod97,

    /// <summary>Full IBAN check: known country, its length, and mod-97 after moving the first four characters to the end.</summary>
    Iban,
}
