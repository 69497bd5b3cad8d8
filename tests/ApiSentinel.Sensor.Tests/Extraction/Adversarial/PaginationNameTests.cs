using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>
/// Pagination cursors and ordinary words under a query parameter or a header do not make a request
/// authenticated (they would hide unauthenticated endpoints); credential names next to them still do.
/// </summary>
public class PaginationNameTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 2026];

    private static readonly string[][] Cursors =
    [
        ["next", "token"], ["pagination", "token"], ["skip", "token"], ["resume", "token"], ["start", "after", "token"],
        ["page", "token"], ["continuation", "token"], ["cursor"], ["sync", "token"], ["offset", "token"],
    ];

    private static readonly string[][] Ordinary =
    [
        ["secretary"], ["secret", "santa", "id"], ["credentials", "type"], ["otp", "length"], ["otp", "enabled"],
    ];

    private static readonly string[][] Credentials =
    [
        ["api", "key"], ["access", "token"], ["client", "secret"], ["otp"], ["session", "token"], ["auth", "token"],
    ];

    private static string Spell(Planted g, string[] words) => g.Random.Next(5) switch
    {
        0 => string.Join('_', words),
        1 => string.Join('-', words),
        2 => words[0] + string.Concat(words.Skip(1).Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
        3 => "$" + string.Concat(words),
        _ => string.Join('_', words).ToUpperInvariant(),
    };

    private static string Header(string[] words) => "X-" + string.Join('-', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Cursors_and_ordinary_words_are_no_credentials_and_credential_names_are(int seed)
    {
        var g = new Planted(seed);
        for (var i = 0; i < 100; i++)
        {
            var plain = g.Random.Next(2) == 0 ? g.Pick(Cursors) : g.Pick(Ordinary);
            var value = g.Chars("abcdefghijkmnpqrstuvwxyz0123456789", 12);
            var plainName = Spell(g, plain);
            var byQuery = new ExtractorHarness().Extract(TestMessages.Request("GET", $"/items?{plainName}={value}"));
            Assert.True(byQuery.Auth.Kind == AuthKind.None, $"?{plainName}: {byQuery.Auth.KindName}");
            var byHeader = new ExtractorHarness().Extract(TestMessages.Request("GET", "/items", (Header(plain), value)));
            Assert.True(byHeader.Auth.Kind == AuthKind.None, $"{Header(plain)}: {byHeader.Auth.KindName}");

            var credential = g.Pick(Credentials);
            var credentialName = Spell(g, credential);
            var withKey = new ExtractorHarness().Extract(TestMessages.Request("GET", $"/items?{credentialName}={value}"));
            Assert.True(withKey.Auth.Kind == AuthKind.ApiKey, $"?{credentialName}: {withKey.Auth.KindName}");
            var withHeader = new ExtractorHarness().Extract(TestMessages.Request("GET", "/items", (Header(credential), value)));
            Assert.True(withHeader.Auth.Kind == AuthKind.ApiKey, $"{Header(credential)}: {withHeader.Auth.KindName}");
        }
    }
}
