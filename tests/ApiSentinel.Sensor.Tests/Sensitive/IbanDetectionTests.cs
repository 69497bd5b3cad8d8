using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Tests.Sensitive;

public class IbanDetectionTests
{
    private const string Iban = SensitiveTypes.Iban;

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("BE68 5390 0754 7034")]
    [InlineData("CH93 0076 2011 6238 5295 7")]
    [InlineData("ES91 2100 0418 4502 0005 1332")]
    [InlineData("IT60 X054 2811 1010 0000 0123 456")]
    [InlineData("NO93 8601 1117 947")]
    [InlineData("PL61 1090 1014 0000 0712 1981 2874")]
    [InlineData("gb82west12345698765432")]
    public void Valid_ibans_are_found_in_text(string iban)
    {
        var match = SensitiveScan.Single($"pay to {iban}, thanks", Iban, iban);
        Assert.Equal(SensitiveConfidence.High, match.Confidence);
    }

    [Theory]
    [InlineData("DE88 3704 0044 0532 0130 00")] // check digits wrong
    [InlineData("DE89 3704 0044 0532 0130 01")] // one BBAN digit changed
    [InlineData("GB82 WEST 1234 5698 7654 33")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 607")]
    [InlineData("NL91 ABNA 0417 1643 01")]
    [InlineData("DE89 3704 0044 0532 0130 0")]  // one char short for DE
    [InlineData("DE89 3704 0044 0532 0130 000")] // one char long
    [InlineData("ZZ89 3704 0044 0532 0130 00")] // no such country
    [InlineData("DE89 37 04 0044 0532 0130 00")] // spaces not in groups of four
    [InlineData("XDE89370400440532013000")]      // inside a longer token
    public void Invalid_ibans_are_rejected(string text) => Assert.Empty(SensitiveScan.Value(text).OfType(Iban));

    [Fact]
    public void Iban_digits_are_not_also_reported_as_card_or_phone()
    {
        var matches = SensitiveScan.Value("DE89370400440532013000");
        Assert.Equal(Iban, Assert.Single(matches).Type);
    }
}
