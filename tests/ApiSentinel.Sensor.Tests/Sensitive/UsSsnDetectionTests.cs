using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Tests.Sensitive;

public class UsSsnDetectionTests
{
    private const string Ssn = SensitiveTypes.UsSsn;

    [Theory]
    [InlineData("536-90-4399")]
    [InlineData("001-01-0001")]
    [InlineData("899-99-9999")]
    [InlineData("665-12-3456")]
    public void Dashed_ssn_is_medium_without_context(string ssn)
    {
        var match = SensitiveScan.Single($"ssn is {ssn}.", Ssn, ssn);
        Assert.Equal(SensitiveConfidence.Medium, match.Confidence);
    }

    [Theory]
    [InlineData("000-12-3456")] // area 000
    [InlineData("666-12-3456")] // area 666
    [InlineData("900-12-3456")] // area 9xx
    [InlineData("999-12-3456")]
    [InlineData("536-00-4399")] // group 00
    [InlineData("536-90-0000")] // serial 0000
    [InlineData("078-05-1120")] // Woolworth wallet card
    [InlineData("219-09-9999")] // 1940 SSA advertisement
    [InlineData("123-45-6789")] // canonical placeholder
    public void Never_issued_or_well_known_invalid_ssns_are_rejected(string ssn) =>
        Assert.Empty(SensitiveScan.Value(ssn, "ssn").OfType(Ssn));

    [Theory]
    [InlineData("1536-90-4399")]
    [InlineData("536-90-43991")]
    [InlineData("536-90-4399-1")]
    [InlineData("x536-90-4399")]
    [InlineData("536_90_4399")]
    [InlineData("2024-01-15")]
    public void Ssn_shapes_inside_longer_tokens_are_rejected(string text) => Assert.Empty(SensitiveScan.Value(text).OfType(Ssn));

    [Fact]
    public void Bare_nine_digits_only_count_in_an_ssn_field()
    {
        Assert.Empty(SensitiveScan.Value("536904399").OfType(Ssn));
        Assert.Empty(SensitiveScan.Value("536904399", "order_id").OfType(Ssn));
        var match = SensitiveScan.Single("536904399", Ssn, "536904399", field: "social_security_number");
        Assert.Equal(SensitiveConfidence.High, match.Confidence);
        Assert.Empty(SensitiveScan.Value("000904399", "ssn").OfType(Ssn));
    }

    [Fact]
    public void Ssn_field_raises_dashed_confidence()
    {
        var match = SensitiveScan.Single("536-90-4399", Ssn, "536-90-4399", field: "SSN");
        Assert.Equal(SensitiveConfidence.High, match.Confidence);
    }
}
