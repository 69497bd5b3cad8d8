using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>The shape tests behind name screening: identifiers, digit chains, random tokens.</summary>
public class NameShapeTests
{
    private const string Base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base36 = "abcdefghijklmnopqrstuvwxyz0123456789";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_tokens_of_24_chars_or_more_look_random_even_in_lower_case(int seed)
    {
        var g = new Planted(seed);
        var missed = 0;
        const int Samples = 1000;
        for (var i = 0; i < Samples; i++)
        {
            var token = g.Chars((i % 3) switch { 0 => Base62, 1 => Base36, _ => "abcdefghijklmnopqrstuvwxyz" }, g.Random.Next(24, 64));
            missed += NameShape.LooksRandom(token) ? 0 : 1;
        }
        // Measured: under 0.1 % of such tokens pass as words (NameShape.LooksRandom).
        Assert.True(missed <= Samples / 200, $"{missed} of {Samples} random tokens passed as names");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Names_made_of_words_never_look_random(int seed)
    {
        string[] words = ["account", "holder", "name", "billing", "address", "line", "created", "timestamp", "display",
            "shipping", "method", "preferred", "language", "notification", "settings", "customer", "reference",
            "external", "identifier", "last", "modified", "by", "user", "profile", "picture", "url", "is", "enabled",
            "default", "payment", "source", "organization", "member", "count", "total", "price", "excluding", "tax"];
        var g = new Planted(seed);
        for (var i = 0; i < 2000; i++)
        {
            var parts = Enumerable.Range(0, g.Random.Next(2, 6)).Select(_ => g.Pick(words)).ToArray();
            var name = (i % 3) switch
            {
                0 => parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..])),
                1 => string.Join('_', parts),
                _ => string.Join('-', parts) + (g.Random.Next(4) == 0 ? g.Random.Next(1, 10).ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
            };
            Assert.False(NameShape.LooksRandom(name), name);
        }
    }

    [Theory]
    [InlineData("4111-1111-1111-1111", 16)]
    [InlineData("4111.1111.1111.1111", 16)]
    [InlineData("123 45 6789", 9)]
    [InlineData("x-b3-spanid2", 1)]
    [InlineData("a12--34", 2)]
    [InlineData("v1.2.3", 3)]
    public void Digit_chains_join_runs_across_single_separators(string name, int expected)
    {
        Assert.Equal(expected, NameShape.LongestDigitChain(name));
        Assert.Equal(expected, NameShape.LongestDigitChain(System.Text.Encoding.ASCII.GetBytes(name)));
    }

    [Theory]
    [InlineData("12345", true)]
    [InlineData("3f2a9c1e-0b7d-4e58-9a61-2b4f7c9d8e10", true)]
    [InlineData("a8f5f167f44f4964e6c998dee827110c", true)]
    [InlineData("deadbeefcafebabe", false)]
    [InlineData("user42", false)]
    public void Identifiers(string name, bool expected) => Assert.Equal(expected, NameShape.IsIdentifier(name));
}
