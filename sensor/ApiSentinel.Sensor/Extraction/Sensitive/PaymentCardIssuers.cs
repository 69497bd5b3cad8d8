namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Issuer identification ranges and the card lengths each issues. A Luhn-valid number is only a card when its
/// prefix belongs to a known issuer AND its length is one that issuer uses: that cuts the 1-in-10 Luhn false
/// positive rate on arbitrary digit runs (order ids, timestamps) by a large factor.
/// </summary>
internal static class PaymentCardIssuers
{
    private readonly record struct Range(int Low, int High, int PrefixDigits, uint Lengths);

    private static uint Lengths(int min, int max)
    {
        uint mask = 0;
        for (var l = min; l <= max; l++)
        {
            mask |= 1u << l;
        }

        return mask;
    }

    private static readonly Range[] s_ranges =
    [
        new(4, 4, 1, (1u << 13) | (1u << 16) | (1u << 19)),          // Visa
        new(51, 55, 2, 1u << 16),                                    // Mastercard
        new(2221, 2720, 4, 1u << 16),                                // Mastercard 2-series
        new(34, 34, 2, 1u << 15),                                    // American Express
        new(37, 37, 2, 1u << 15),
        new(6011, 6011, 4, Lengths(16, 19)),                         // Discover
        new(644, 649, 3, Lengths(16, 19)),
        new(65, 65, 2, Lengths(16, 19)),
        new(3528, 3589, 4, Lengths(16, 19)),                         // JCB
        new(36, 36, 2, Lengths(14, 19)),                             // Diners Club
        new(300, 305, 3, Lengths(14, 19)),
        new(38, 39, 2, Lengths(14, 19)),
        new(62, 62, 2, Lengths(16, 19)),                             // UnionPay (only its Luhn-valid cards are found)
        new(2200, 2204, 4, Lengths(16, 19)),                         // Mir
        // Maestro: its historic "5018/5020/5038/5893/6304/6759/6761-6763" ranges; 12-digit cards are below our 13 floor.
        new(5018, 5018, 4, Lengths(13, 19)),
        new(5020, 5020, 4, Lengths(13, 19)),
        new(5038, 5038, 4, Lengths(13, 19)),
        new(5893, 5893, 4, Lengths(13, 19)),
        new(6304, 6304, 4, Lengths(13, 19)),
        new(6759, 6759, 4, Lengths(13, 19)),
        new(6761, 6763, 4, Lengths(13, 19)),
    ];

    /// <summary>True when the digit values form a prefix/length combination some issuer uses.</summary>
    public static bool IsKnown(ReadOnlySpan<byte> digits)
    {
        var length = digits.Length;
        if (length is < 13 or > 19)
        {
            return false;
        }

        foreach (var range in s_ranges)
        {
            if ((range.Lengths & (1u << length)) == 0)
            {
                continue;
            }

            var prefix = 0;
            for (var i = 0; i < range.PrefixDigits; i++)
            {
                prefix = (prefix * 10) + digits[i];
            }

            if (prefix >= range.Low && prefix <= range.High)
            {
                return true;
            }
        }

        return false;
    }
}
