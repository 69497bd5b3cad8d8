using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>
/// A URL with a password inside a query value or the path, as sent or percent-encoded, and random tokens under
/// neutral names: the password and the token never leave, the URL's userinfo counts as Basic credentials.
/// </summary>
public class EmbeddedUserinfoTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 2026];

    private const string PasswordChars = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static string Encode(string s) => Uri.EscapeDataString(s);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_url_with_userinfo_in_a_query_value_loses_its_userinfo_and_counts_as_basic(int seed)
    {
        var g = new Planted(seed);
        for (var i = 0; i < 200; i++)
        {
            var user = g.Chars("abcdefghijkmnpqrstuvwxyz", g.Random.Next(4, 9));
            var password = "Pw" + g.Chars(PasswordChars, g.Random.Next(8, 16));
            var scheme = g.Pick(["http", "https", "postgres", "mongodb+srv", "redis", "amqp", "ftp"]);
            var host = g.Word(3, 8) + "." + g.Pick(["internal", "example", "corp.example"]) + (g.Random.Next(2) == 0 ? ":" + g.Random.Next(1, 65536) : "");
            var url = $"{scheme}://{user}:{password}@{host}/{g.Word()}";
            var name = g.Pick(["next", "redirect", "db", "u", "target", "continue", "src"]);
            var encoded = g.Random.Next(3) switch { 0 => url, 1 => Encode(url), _ => url.Replace(":", "%3A").Replace("@", "%40") };
            var target = $"/{g.Word()}?a=1&{name}={encoded}&b=2";

            var record = new ExtractorHarness().Extract(TestMessages.Request("GET", target));

            PlantedValues.AssertAbsent(record, [password, user + ":"]);
            Assert.Contains("REDACTED", record.Target);
            Assert.Contains("&b=2", record.Target); // the rest of the query is intact
            Assert.Equal((AuthKind.Basic, "query:" + name), (record.Auth.Kind, record.Auth.Location));
        }
    }

    [Theory]
    [InlineData("/login?next=http://bobq:PwMarkerQV1@int.example/admin", "/login?next=http://REDACTED@int.example/admin", "PwMarkerQV1")]
    [InlineData("/login?next=http%3A%2F%2Fbobq2%3APwMarkerQV2%40int.example%2F", "/login?next=http%3A%2F%2FREDACTED%40int.example%2F", "PwMarkerQV2")]
    [InlineData("/a?db=postgres://app:PwMarkerDb4@db.internal:5432/prod", "/a?db=postgres://REDACTED@db.internal:5432/prod", "PwMarkerDb4")]
    public void The_examples_of_the_review(string target, string expected, string password)
    {
        var record = new ExtractorHarness().Extract(TestMessages.Request("GET", target));
        Assert.Equal(expected, record.Target);
        Assert.Equal(AuthKind.Basic, record.Auth.Kind);
        PlantedValues.AssertAbsent(record, [password]);
    }

    [Theory]
    [InlineData("/proxy/http://bob:PwMarkerP1@int.example/x", "/proxy/http://REDACTED@int.example/x", "PwMarkerP1")]
    [InlineData("/proxy/http%3A%2F%2Fbob%3APwMarkerP2%40int.example%2Fx", "/proxy/http%3A%2F%2FREDACTED%40int.example%2Fx", "PwMarkerP2")]
    public void A_url_with_userinfo_in_the_path_loses_its_userinfo(string target, string expected, string password)
    {
        var record = new ExtractorHarness().Extract(TestMessages.Request("GET", target));
        Assert.Equal(expected, record.Target);
        Assert.Equal((AuthKind.Basic, AuthClassifier.PathUserinfoLocation), (record.Auth.Kind, record.Auth.Location));
        PlantedValues.AssertAbsent(record, [password]);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_token_values_and_path_segments_are_redacted_whatever_their_name(int seed)
    {
        var g = new Planted(seed);
        for (var i = 0; i < 200; i++)
        {
            var token = g.Chars("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", g.Random.Next(20, 40));
            var name = g.Pick(["t", "e", "x", "ref", "v", "state"]);
            var record = new ExtractorHarness().Extract(TestMessages.Request("GET", $"/{g.Word()}/{token}?{name}={token}&page=2"));
            PlantedValues.AssertAbsent(record, [token]);
            Assert.EndsWith($"?{name}=REDACTED&page=2", record.Target);
        }
    }

    [Theory]
    [InlineData("/e?t=Zq7pW3xK9mR2vT5nA8bCyy", "/e?t=REDACTED")]
    [InlineData("/search?q=hello%20world&sort=created_at", "/search?q=hello%20world&sort=created_at")]
    [InlineData("/a?since=2024-01-01T00:00:00.000Z", "/a?since=2024-01-01T00:00:00.000Z")]
    [InlineData("/a?next=https://int.example/admin?x=1", "/a?next=https://int.example/admin?x=1")]
    [InlineData("/a?tag=release@v2&at=@home", "/a?tag=release@v2&at=@home")]
    [InlineData("/orders/550e8400-e29b-41d4-a716-446655440000", "/orders/550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("/users/@me/settingsNotifications", "/users/@me/settingsNotifications")]
    // Real file names and slugs (the Zeek wikipedia trace) are not tokens.
    [InlineData("/wikipedia/commons/thumb/b/bb/Wikipedia_wordmark.svg/174px-Wikipedia_wordmark.svg.png", "/wikipedia/commons/thumb/b/bb/Wikipedia_wordmark.svg/174px-Wikipedia_wordmark.svg.png")]
    [InlineData("/wikipedia/commons/b/bd/Bookshelf-40x201_6.png", "/wikipedia/commons/b/bd/Bookshelf-40x201_6.png")]
    [InlineData("/blog/how-we-scaled-kubernetes-ingress-2024", "/blog/how-we-scaled-kubernetes-ingress-2024")]
    [InlineData("/pods/checkout-service-5d8f7c9b6d-x7k2p", "/pods/checkout-service-5d8f7c9b6d-x7k2p")]
    public void Ordinary_values_are_kept_and_tokens_are_not(string target, string expected)
    {
        var record = new ExtractorHarness().Extract(TestMessages.Request("GET", target));
        Assert.Equal(expected, record.Target);
    }
}
