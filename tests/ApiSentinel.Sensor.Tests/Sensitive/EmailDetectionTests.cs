using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Tests.Sensitive;

public class EmailDetectionTests
{
    private const string Email = SensitiveTypes.Email;

    [Theory]
    [InlineData("contact john.doe@example.com today", "john.doe@example.com")]
    [InlineData("<a href=\"mailto:jane+news@mail.example.co.uk\">", "jane+news@mail.example.co.uk")]
    [InlineData("Write to o'brien@example.ie.", "o'brien@example.ie")]
    [InlineData("{\"email\":\"a_b-c%d@sub-domain.example.org\"}", "a_b-c%d@sub-domain.example.org")]
    [InlineData("x@example.museum", "x@example.museum")]
    public void Addresses_are_found(string text, string expected)
    {
        var match = SensitiveScan.Single(text, Email, expected);
        Assert.Equal(SensitiveConfidence.High, match.Confidence);
    }

    [Fact]
    public void Several_addresses_in_text_are_all_found()
    {
        var matches = SensitiveScan.Text("cc: a@example.com, b@example.net; c@example.org").OfType(Email);
        Assert.Equal(3, matches.Count);
    }

    [Theory]
    [InlineData("user@localhost")]              // no dot in domain
    [InlineData("user@example.c")]              // TLD too short
    [InlineData("user@example.123")]            // numeric TLD
    [InlineData("user@192.168.1.1")]
    [InlineData("icon@2x.png")]                 // asset name
    [InlineData("john..doe@example.com")]       // doubled dot
    [InlineData("john.@example.com")]
    [InlineData("@example.com")]
    [InlineData("user@example.com1")]           // longer token
    [InlineData("user@-example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("https://user:pass@example.com/path")] // URL user-info
    [InlineData("git@github")]
    public void Non_addresses_are_rejected(string text) => Assert.Empty(SensitiveScan.Value(text).OfType(Email));
}
