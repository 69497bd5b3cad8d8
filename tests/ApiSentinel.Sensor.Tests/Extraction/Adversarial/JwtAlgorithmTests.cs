using System.Text;
using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>Issue 6, item 19: the JWT alg is matched in any case, and only known algorithms are reported.</summary>
public class JwtAlgorithmTests
{
    private static string Token(string headerJson, string signature = "")
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{B64(headerJson)}.{B64("{\"sub\":\"1\"}")}.{signature}";
    }

    /// <summary>Every case spelling of "none" (16 of them), and of the known algorithms.</summary>
    public static TheoryData<string> CaseVariantsOfNone()
    {
        var data = new TheoryData<string>();
        for (var mask = 0; mask < 16; mask++)
        {
            data.Add(new string("none".Select((c, i) => (mask & (1 << i)) != 0 ? char.ToUpperInvariant(c) : c).ToArray()));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseVariantsOfNone))]
    public void None_in_any_case_is_none(string alg)
    {
        Assert.True(JwtHeader.TryRead(Encoding.ASCII.GetBytes(Token($"{{\"alg\":\"{alg}\"}}")), out var read));
        Assert.Equal("none", read);
        var record = new ExtractorHarness().Extract(TestMessages.Request("GET", "/", ("Authorization", "Bearer " + Token($"{{\"typ\":\"JWT\",\"alg\":\"{alg}\"}}"))));
        Assert.Equal((AuthKind.Jwt, "none"), (record.Auth.Kind, record.Auth.JwtAlgorithm));
    }

    [Theory]
    [InlineData("hs256", "HS256")]
    [InlineData("Rs512", "RS512")]
    [InlineData("eddsa", "EdDSA")]
    [InlineData("\\u004e\\u006f\\u006e\\u0065", "none")]
    [InlineData("HS256 ", "other")]
    [InlineData("A1B2C3-attacker-text", "other")]
    [InlineData("nonex", "other")]
    public void Known_algorithms_are_normalised_and_anything_else_is_other(string alg, string expected)
    {
        Assert.True(JwtHeader.TryRead(Encoding.ASCII.GetBytes(Token($"{{\"alg\":\"{alg}\"}}", "c2ln")), out var read));
        Assert.Equal(expected, read);
    }

    [Fact]
    public void A_huge_alg_is_other_without_being_copied()
    {
        Assert.True(JwtHeader.TryRead(Encoding.ASCII.GetBytes(Token($"{{\"alg\":\"{new string('n', 1500)}\"}}", "c2ln")), out var read));
        Assert.Equal("other", read);
    }
}
