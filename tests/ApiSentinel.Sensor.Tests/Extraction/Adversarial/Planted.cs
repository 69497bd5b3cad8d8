using System.Text;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>
/// Seeded generators of values a detector must recognise — and a privacy test must never find in the output.
/// Every value is valid for its detector (Luhn, SSN area rules, IBAN mod 97, key alphabets), so a miss is the
/// code's fault, not the generator's.
/// </summary>
internal sealed class Planted(int seed)
{
    private readonly Random _random = new(seed);

    private const string Base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";

    public Random Random => _random;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public string Chars(string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }
        return new string(chars);
    }

    public string Word(int min = 3, int max = 9) => Chars(Lower, _random.Next(min, max + 1));

    /// <summary>A Visa or Mastercard number that passes Luhn, with varied digits (not a synthetic pattern).</summary>
    public string Card()
    {
        var prefix = _random.Next(2) == 0 ? "4" : "5" + _random.Next(1, 6);
        var digits = new StringBuilder(prefix);
        while (digits.Length < 15)
        {
            digits.Append((char)('0' + _random.Next(10)));
        }
        digits.Append(LuhnCheckDigit(digits.ToString()));
        return digits.ToString();
    }

    private static char LuhnCheckDigit(string partial)
    {
        var sum = 0;
        for (var i = 0; i < partial.Length; i++)
        {
            var d = partial[partial.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }

    public string DashedCard(char separator)
    {
        var card = Card();
        return string.Join(separator, card[..4], card[4..8], card[8..12], card[12..]);
    }

    /// <summary>An SSN with a valid area (not 000, 666, 9xx), group and serial, dashed.</summary>
    public string Ssn()
    {
        int area;
        do
        {
            area = _random.Next(1, 900);
        } while (area == 666);
        return $"{area:000}-{_random.Next(1, 100):00}-{_random.Next(1, 10000):0000}";
    }

    public string Email() => $"{Word(4, 8)}.{Word(3, 7)}@{Word(4, 9)}.example.org";

    /// <summary>A German IBAN (22 chars) with correct mod-97 check digits.</summary>
    public string Iban()
    {
        var bban = Chars("0123456789", 18);
        var rearranged = bban + "1314" + "00"; // D=13, E=14
        var remainder = 0;
        foreach (var c in rearranged)
        {
            remainder = (remainder * 10 + (c - '0')) % 97;
        }
        return $"DE{98 - remainder:00}{bban}";
    }

    public string AwsAccessKeyId() => "AKIA" + Chars(Base32, 16);

    public string GitHubToken() => _random.Next(2) == 0 ? "ghp_" + Chars(Base62, 36) : "github_pat_" + Chars(Base62, 22) + "_" + Chars(Base62, 59);

    public string StripeKey() => (_random.Next(2) == 0 ? "sk_live_" : "rk_live_") + Chars(Base62, 24);

    public string SlackToken() => "xoxb-" + Chars("0123456789", 11) + "-" + Chars("0123456789", 12) + "-" + Chars(Base62, 24);

    /// <summary>A JWT (header with an alg, a claims part, a signature), base64url without padding.</summary>
    public string Jwt(string alg = "HS256")
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{B64($"{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}")}.{B64($"{{\"sub\":\"{Word()}{_random.Next()}\"}}")}.{Chars(Base62, 43)}";
    }

    public string RandomToken() => Chars(Base62, _random.Next(32, 48));

    /// <summary>One detectable value of any kind, with the sensitive type it must be reported as.</summary>
    public (string Value, string Type) AnySensitive() => _random.Next(9) switch
    {
        0 => (Card(), "credit-card"),
        1 => (DashedCard('-'), "credit-card"),
        2 => (Ssn(), "us-ssn"),
        3 => (Email(), "email"),
        4 => (Iban(), "iban"),
        5 => (AwsAccessKeyId(), "aws-access-key"),
        6 => (GitHubToken(), "github-token"),
        7 => (StripeKey(), "stripe-key"),
        _ => (SlackToken(), "slack-token"),
    };

    /// <summary>A detectable value that is also an RFC 9110 token (no '@', no spaces): for header names, methods.</summary>
    public (string Value, string Type) TokenShapedSensitive() => _random.Next(7) switch
    {
        0 => (Card(), "credit-card"),
        1 => (DashedCard('-'), "credit-card"),
        2 => (AwsAccessKeyId(), "aws-access-key"),
        3 => (GitHubToken(), "github-token"),
        4 => (StripeKey(), "stripe-key"),
        5 => (SlackToken(), "slack-token"),
        _ => (Jwt(), "jwt"),
    };

    public string Uuid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    /// <summary>An identifier-like key: numeric, UUID or hex digest.</summary>
    public string Identifier() => _random.Next(3) switch
    {
        0 => _random.Next(1, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        1 => Uuid(),
        _ => Chars("0123456789abcdef", 32),
    };
}
