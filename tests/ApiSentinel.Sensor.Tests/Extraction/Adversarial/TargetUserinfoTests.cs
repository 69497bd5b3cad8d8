using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>Issue 6, item 4: userinfo in every target form, whatever delimiters the password holds.</summary>
public class TargetUserinfoTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 2026];

    private const string PasswordChars = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!$&'()*+,;=~-._";

    /// <summary>
    /// A password of safe chars with one to three URL delimiters ('?', '#', '/', '@', ':') spliced in. It starts
    /// with a letter: <c>http://bob:123/x@h/</c> is a valid URL with port 123, which no parser can tell from a
    /// password (see TargetAuthority).
    /// </summary>
    private static string Password(Planted g)
    {
        var chars = (g.Chars("abcdefghijkmnpqrstuvwxyz", 1) + g.Chars(PasswordChars, g.Random.Next(10, 20))).ToCharArray().ToList();
        for (var n = g.Random.Next(1, 4); n > 0; n--)
        {
            chars.Insert(g.Random.Next(1, chars.Count), "?#/@:"[g.Random.Next(5)]);
        }
        return new string([.. chars]);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Userinfo_is_redacted_and_reported_as_basic_in_every_form(int seed)
    {
        var g = new Planted(seed);
        for (var i = 0; i < 200; i++)
        {
            var user = g.Chars("abcdefghijkmnpqrstuvwxyz", g.Random.Next(5, 10));
            var password = Password(g);
            var host = g.Word(4, 8) + ".example" + (g.Random.Next(2) == 0 ? ":" + g.Random.Next(1, 65536) : "");
            var path = "/" + g.Word() + "/" + g.Random.Next(1000);
            var (target, expected) = g.Random.Next(4) switch
            {
                0 => ($"http://{user}:{password}@{host}{path}?q=1", $"http://REDACTED@{host}{path}?q=1"),
                1 => ($"https://{user}:{password}@{host}{path}", $"https://REDACTED@{host}{path}"),
                2 => ($"//{user}:{password}@{host}{path}", $"//REDACTED@{host}{path}"),
                _ => ($"{user}:{password}@{host}", $"REDACTED@{host}"),
            };
            var method = target.Contains('/', StringComparison.Ordinal) && !target.StartsWith(user, StringComparison.Ordinal) ? "GET" : "CONNECT";
            var record = new ExtractorHarness().Extract(TestMessages.Request(method, target));

            Assert.Equal(expected, record.Target);
            Assert.Equal((AuthKind.Basic, "url:userinfo"), (record.Auth.Kind, record.Auth.Location));
            // A tunnel's far end is not the host; nor is the second segment of an origin-form "//…" target.
            Assert.Equal(method == "CONNECT" || target.StartsWith("//", StringComparison.Ordinal) ? null : host, record.Host);
            PlantedValues.AssertAbsent(record, [password, user + ":"]);
            foreach (var piece in password.Split('?', '#', '/', '@', ':').Where(p => p.Length >= 6))
            {
                PlantedValues.AssertAbsent(record, [piece]);
            }
        }
    }

    [Theory]
    [InlineData("http://bob:pa?ss@h.example/", "http://REDACTED@h.example/")]
    [InlineData("http://bob:pa#ss@h.example/x", "http://REDACTED@h.example/x")]
    [InlineData("http://bob:p@ss@h.example/", "http://REDACTED@h.example/")]
    [InlineData("http://bob:pa/ss@h.example/x", "http://REDACTED@h.example/x")]
    [InlineData("//bob:pa/ss@h.example/x", "//REDACTED@h.example/x")]
    [InlineData("bob:pa?ss@h.example:443", "REDACTED@h.example:443")]
    public void The_examples_of_the_issue(string target, string expected)
    {
        var record = new ExtractorHarness().Extract(TestMessages.Request("GET", target));
        Assert.Equal(expected, record.Target);
        Assert.Equal(AuthKind.Basic, record.Auth.Kind);
        PlantedValues.AssertAbsent(record, ["bob:pa", "pa?ss", "p@ss", "pa/ss", "pa#ss"]);
    }

    [Theory]
    [InlineData("/users/@me?x=1", "/users/@me?x=1")]
    [InlineData("http://h.example/npm/@scope/pkg", "http://h.example/npm/@scope/pkg")]
    [InlineData("example.com:443", "example.com:443")]
    [InlineData("*", "*")]
    [InlineData("mail.example:25 /", "mail.example:25 /")]
    [InlineData("//cdn.example/a.js", "//cdn.example/a.js")]
    public void Targets_without_userinfo_keep_their_shape(string target, string expected)
    {
        var record = new ExtractorHarness().Extract(TestMessages.Request("GET", target));
        Assert.Equal(expected, record.Target);
        Assert.Equal(AuthKind.None, record.Auth.Kind);
    }

    [Fact]
    public void Api_key_parameters_are_read_after_the_authority_not_inside_the_password()
    {
        var record = new ExtractorHarness().Extract(TestMessages.Request("GET", "http://bob:pa?api_key=zz@h.example/x?api_key=k-1"));
        Assert.Equal("http://REDACTED@h.example/x?api_key=REDACTED", record.Target);
        Assert.Equal(AuthKind.ApiKey, record.Auth.Kind); // the stronger of the two: the key in the real query
    }
}
