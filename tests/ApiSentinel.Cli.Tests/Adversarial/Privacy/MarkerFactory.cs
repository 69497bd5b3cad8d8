using System.Text;

namespace ApiSentinel.Cli.Tests.Adversarial.Privacy;

/// <summary>
/// Seeded generator of unique marker values shaped like real secrets — card numbers that pass Luhn, valid
/// SSNs, e-mail addresses, AWS access key ids, GitHub tokens, JWTs — and opaque random ones for positions where
/// any value is a credential (Authorization, cookies, passwords). Every value is new (checked), so a hit in an
/// output can only come from where it was planted.
/// </summary>
internal sealed class MarkerFactory(int seed)
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base32Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private readonly Random _random = new(seed);
    private readonly HashSet<string> _issued = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The kinds <see cref="OfKind"/> makes; the secret-shaped ones first.</summary>
    public static readonly string[] SecretKinds = ["card", "ssn", "email", "aws-key", "ghp-token", "jwt"];

    public const string Opaque = "opaque";

    public string OfKind(string kind) => kind switch
    {
        "card" => Card(),
        "ssn" => Ssn(),
        "email" => Email(),
        "aws-key" => AwsKeyId(),
        "ghp-token" => GitHubToken(),
        "jwt" => Jwt(),
        Opaque => OpaqueValue(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A 16-digit Visa/Mastercard-shaped number with a valid Luhn check digit.</summary>
    public string Card() => Unique(() =>
    {
        var digits = new int[16];
        digits[0] = _random.Next(2) == 0 ? 4 : 5;
        digits[1] = digits[0] == 5 ? _random.Next(1, 6) : _random.Next(10);
        for (var i = 2; i < 15; i++)
        {
            digits[i] = _random.Next(10);
        }
        digits[15] = LuhnCheckDigit(digits.AsSpan(0, 15));
        return string.Concat(digits);
    });

    /// <summary>A US SSN the issuance rules allow: area not 000, 666 or 9xx; group not 00; serial not 0000.</summary>
    public string Ssn() => Unique(() =>
    {
        int area;
        do
        {
            area = _random.Next(1, 900);
        }
        while (area == 666);
        return $"{area:D3}-{_random.Next(1, 100):D2}-{_random.Next(1, 10000):D4}";
    });

    public string Email() => Unique(() => $"{Lower(8)}.{Lower(5)}@{Lower(9)}.example.org");

    /// <summary>AKIA + 16 base-32 characters, like an AWS access key id.</summary>
    public string AwsKeyId() => Unique(() => "AKIA" + Pick(Base32Upper, 16));

    public string GitHubToken() => Unique(() => "ghp_" + Pick(Alphanumeric, 36));

    /// <summary>A signed JWT (HS256) with a random subject and signature: three base64url parts.</summary>
    public string Jwt() => Unique(() =>
    {
        var header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        var payload = Base64Url($"{{\"sub\":\"{Pick(Alphanumeric, 12)}\",\"iat\":{_random.Next(1_600_000_000, 1_900_000_000)}}}");
        var signature = new byte[32];
        _random.NextBytes(signature);
        return $"{header}.{payload}.{Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
    });

    /// <summary>24 random letters and digits: what session ids, API keys and passwords look like to a detector (nothing).</summary>
    public string OpaqueValue() => Unique(() => Pick(Alphanumeric, 24));

    /// <summary>A user name for credentials: lower-case, unique, not a word.</summary>
    public string UserName() => Unique(() => "u" + Lower(11));

    private string Unique(Func<string> make)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var value = make();
            if (_issued.Add(value))
            {
                return value;
            }
        }
        throw new InvalidOperationException("marker space exhausted");
    }

    private string Lower(int length) => Pick("abcdefghijklmnopqrstuvwxyz", length);

    private string Pick(string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }
        return new string(chars);
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static int LuhnCheckDigit(ReadOnlySpan<int> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            // Doubling starts with the digit next to the check digit.
            var d = body[body.Length - 1 - i];
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
        return (10 - sum % 10) % 10;
    }
}
