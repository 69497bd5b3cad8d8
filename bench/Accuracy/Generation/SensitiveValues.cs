using System.Globalization;
using System.Numerics;
using System.Text;

namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// Valid-looking sensitive values: card numbers pass Luhn, IBANs pass ISO 7064 mod 97, SSNs avoid the ranges the
/// SSA never issues, phone numbers use the fictional 555-01xx block. All synthetic.
/// </summary>
internal static class SensitiveValues
{
    private static readonly string[] CardPrefixes = ["4", "51", "52", "55", "37", "6011"];
    private static readonly string[] MailDomains = ["example.com", "example.org", "mail.example.net", "corp.example"];

    public static string Of(string type, Random random, string username) => type switch
    {
        "credit-card" => CardNumber(random),
        "us-ssn" => Ssn(random),
        "iban" => Iban(random),
        "email" => Email(random, username),
        "phone-number" => Phone(random),
        _ => throw new ArgumentException($"no generator for sensitive type {type}", nameof(type)),
    };

    public static string Email(Random random, string username) => $"{username.Replace('_', '.')}@{MailDomains[random.Next(MailDomains.Length)]}";

    public static string CardNumber(Random random)
    {
        var prefix = CardPrefixes[random.Next(CardPrefixes.Length)];
        var length = prefix == "37" ? 15 : 16;
        var digits = new StringBuilder(prefix);
        while (digits.Length < length - 1)
        {
            digits.Append((char)('0' + random.Next(10)));
        }
        digits.Append((char)('0' + LuhnCheckDigit(digits.ToString())));
        return digits.ToString();
    }

    private static int LuhnCheckDigit(string payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var digit = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - (sum % 10)) % 10;
    }

    public static string Ssn(Random random)
    {
        int area;
        do
        {
            area = random.Next(1, 900);
        }
        while (area == 666);
        return string.Create(CultureInfo.InvariantCulture, $"{area:D3}-{random.Next(1, 100):D2}-{random.Next(1, 10000):D4}");
    }

    public static string Iban(Random random)
    {
        // German layout: DE + 2 check digits + 8-digit bank code + 10-digit account number.
        var bban = new StringBuilder(18);
        for (var i = 0; i < 18; i++)
        {
            bban.Append((char)('0' + random.Next(10)));
        }
        // Check digits: 98 - (BBAN + "DE00" with letters as numbers) mod 97; D=13, E=14.
        var numeric = BigInteger.Parse(bban + "131400", CultureInfo.InvariantCulture);
        var check = 98 - (int)(numeric % 97);
        return string.Create(CultureInfo.InvariantCulture, $"DE{check:D2}{bban}");
    }

    public static string Phone(Random random) => random.Next(3) switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"+1 {random.Next(201, 990)}-555-01{random.Next(0, 100):D2}"),
        1 => string.Create(CultureInfo.InvariantCulture, $"({random.Next(201, 990)}) 555-01{random.Next(0, 100):D2}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"+44 20 7946 0{random.Next(0, 1000):D3}"),
    };
}
