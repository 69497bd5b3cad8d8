using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Tests.Sensitive;

/// <summary>
/// Issue 6, item 5: credential names are recognised by pattern — the words they are made of — in every
/// spelling (snake, kebab, dotted, camel, Pascal, upper snake, Title-Kebab) and with any prefix, while names
/// that merely contain the letters (keyboard, monkey, zipcode) stay names.
/// </summary>
public class CredentialNameTests
{
    /// <summary>Credential names as words, and the type a value under them is reported as.</summary>
    private static readonly (string[] Words, string Type)[] Credentials =
    [
        (["secret"], "secret"), (["client", "secret"], "secret"), (["credentials"], "secret"),
        (["api", "key"], "secret"), (["auth", "key"], "secret"), (["access", "key"], "secret"),
        (["private", "key"], "secret"), (["signing", "key"], "secret"), (["session", "key"], "secret"),
        (["security", "code"], "secret"), (["otp", "code"], "secret"), (["otp"], "secret"), (["totp"], "secret"),
        (["verification", "code"], "secret"), (["auth", "code"], "secret"), (["sms", "code"], "secret"),
        (["mfa", "code"], "secret"), (["reset", "code"], "secret"),
        (["token"], "secret"), (["access", "token"], "secret"), (["jwt"], "secret"), (["jwt", "token"], "secret"),
        (["bearer"], "secret"), (["signature"], "secret"), (["sig"], "secret"), (["session"], "secret"),
        (["session", "id"], "secret"), (["auth"], "secret"),
        (["password"], "password"), (["passwd"], "password"), (["pwd"], "password"), (["pass"], "password"),
        (["pin"], "password"), (["passcode"], "password"),
    ];

    private static readonly string[][] Plain =
    [
        ["keyboard"], ["monkey"], ["passenger"], ["zipcode"], ["postcode"], ["postal", "code"], ["country", "code"],
        ["status", "code"], ["error", "code"], ["currency", "code"], ["language", "code"], ["area", "code"],
        ["product", "code"], ["code"], ["key"], ["keys"], ["keyword"], ["primary", "key"], ["sort", "key"],
        ["public", "key"], ["partition", "key"], ["passport"], ["bypass"], ["compass"], ["passive"],
        ["session", "count"], ["session", "duration"], ["sessions"], ["signature", "algorithm"], ["token", "type"],
        ["token", "expiry"], ["next", "page", "token"], ["spinner"], ["pinned"], ["opinion"], ["hotkey"],
        ["turnkey"], ["jwt", "expiry"], ["authority"], ["author"], ["signup"], ["pass", "through"], ["pincode"],
        ["key", "id"], ["api", "version"], ["design"], ["assignment"],
        // Pagination and continuation tokens are places in a listing, handed out openly.
        ["next", "token"], ["pagination", "token"], ["skiptoken"], ["skip", "token"], ["resume", "token"],
        ["start", "after", "token"], ["page", "token"], ["continuation", "token"], ["cursor", "token"],
        ["sync", "token"], ["offset", "token"], ["before", "token"], ["after", "token"], ["nexttoken"],
        // Words that only contain the letters, and settings about a secret rather than the secret.
        ["secretary"], ["secret", "santa", "id"], ["credentials", "type"], ["otp", "length"], ["otp", "enabled"],
        ["credential", "id"], ["secret", "name"], ["notpad"], ["otpauth"],
    ];

    private static readonly string[] Prefixes = ["", "x", "user", "my", "app", "db", "new", "current"];

    /// <summary>Prefixes that are not credential words themselves ("app_key" is a credential, "user_key" is not).</summary>
    private static readonly string[] PlainPrefixes = ["", "x", "user", "my", "db", "new", "current"];

    private static string Spell(IReadOnlyList<string> words, int style) => style switch
    {
        0 => string.Join('_', words),
        1 => string.Join('-', words),
        2 => string.Join('.', words),
        3 => words[0] + string.Concat(words.Skip(1).Select(Capitalise)),
        4 => string.Concat(words.Select(Capitalise)),
        5 => string.Join('_', words).ToUpperInvariant(),
        _ => string.Join('-', words.Select(Capitalise)),
    };

    private const int Styles = 7;

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static IEnumerable<string> Spellings(string[] words, string[]? prefixes = null)
    {
        foreach (var prefix in prefixes ?? Prefixes)
        {
            var all = prefix.Length == 0 ? words : [prefix, .. words];
            for (var style = 0; style < Styles; style++)
            {
                yield return Spell(all, style);
            }
        }
    }

    public static TheoryData<int> CredentialIndexes() => [.. Enumerable.Range(0, Credentials.Length)];

    public static TheoryData<int> PlainIndexes() => [.. Enumerable.Range(0, Plain.Length)];

    [Theory]
    [MemberData(nameof(CredentialIndexes))]
    public void Credential_names_are_found_in_every_spelling_and_with_any_prefix(int index)
    {
        var (words, type) = Credentials[index];
        foreach (var name in Spellings(words))
        {
            Assert.True(SensitiveDataScanner.ClassifyFieldName(name) == type, $"{name}: {SensitiveDataScanner.ClassifyFieldName(name) ?? "nothing"}");
            var match = Assert.Single(SensitiveScan.Value("Zq8-opaque-value", name));
            Assert.Equal(type, match.Type);
            Assert.True(FieldNameClassifier.IsCredentialName(name), name);
        }
    }

    [Theory]
    [MemberData(nameof(PlainIndexes))]
    public void Names_that_only_contain_the_letters_stay_names(int index)
    {
        foreach (var name in Spellings(Plain[index], PlainPrefixes))
        {
            Assert.True(SensitiveDataScanner.ClassifyFieldName(name) is null, $"{name}: {SensitiveDataScanner.ClassifyFieldName(name)}");
            Assert.Empty(SensitiveScan.Value("Zq8-opaque-value", name));
            Assert.False(FieldNameClassifier.IsCredentialName(name), name);
        }
    }

    [Theory]
    [InlineData("cvv")]
    [InlineData("card_cvc")]
    [InlineData("cardSecurityCode")]
    [InlineData("CVV2")]
    public void Card_verification_codes_are_card_data(string name)
    {
        Assert.Equal("credit-card", SensitiveDataScanner.ClassifyFieldName(name));
        Assert.Equal("credit-card", Assert.Single(SensitiveScan.Value("123", name)).Type);
    }
}
