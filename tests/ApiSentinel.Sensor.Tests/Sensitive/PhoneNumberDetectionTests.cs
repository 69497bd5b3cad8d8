using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Tests.Sensitive;

public class PhoneNumberDetectionTests
{
    private const string Phone = SensitiveTypes.PhoneNumber;

    [Theory]
    [InlineData("call +14155552671 now", "+14155552671")]
    [InlineData("call (555) 123-4567 now", "(555) 123-4567")]
    [InlineData("call 555-123-4567.", "555-123-4567")]
    [InlineData("555.123.4567", "555.123.4567")]
    [InlineData("555 123 4567", "555 123 4567")]
    [InlineData("tel: +44 20 7946 0958", "+44 20 7946 0958")]
    [InlineData("+1 (555) 123-4567", "+1 (555) 123-4567")]
    [InlineData("1-800-555-1234", "1-800-555-1234")]
    [InlineData("020 7946 0958", "020 7946 0958")]
    [InlineData("07700 900123", "07700 900123")]
    [InlineData("+33 1 23 45 67 89", "+33 1 23 45 67 89")]
    public void Formatted_numbers_are_medium_without_context(string text, string expected)
    {
        var match = SensitiveScan.Single(text, Phone, expected);
        Assert.Equal(SensitiveConfidence.Medium, match.Confidence);
    }

    [Theory]
    [InlineData("2024-01-15")]
    [InlineData("15.01.2024")]
    [InlineData("2024-01-15 10:30:00")]
    [InlineData("01/15/2024")]
    [InlineData("192.168.100.200")]
    [InlineData("10.100.100.100")]
    [InlineData("1.2.3")]
    [InlineData("10.15.7.1234")]
    [InlineData("version 12.0.30319.1")]
    [InlineData("5551234567")]             // bare digits need field context
    [InlineData("order 14155552671")]
    [InlineData("1 234 567 890")]          // money, not a phone shape
    [InlineData("4111 1111 1111 1111")]    // card
    [InlineData("+1234567")]               // too short for E.164
    [InlineData("+1234567890123456")]      // too long for E.164
    [InlineData("3.14159265358")]
    [InlineData("555-1234")]               // 7-digit local numbers need context
    public void Dates_ips_versions_cards_and_bare_runs_are_not_phones(string text) =>
        Assert.Empty(SensitiveScan.Value(text).OfType(Phone));

    [Theory]
    [InlineData("5551234567", "phone")]
    [InlineData("14155552671", "msisdn")]
    [InlineData("555-1234", "mobileNumber")]
    [InlineData("+447700900123", "tel")]
    public void Phone_field_admits_bare_runs_with_high_confidence(string value, string field)
    {
        var match = SensitiveScan.Single(value, Phone, value, field);
        Assert.Equal(SensitiveConfidence.High, match.Confidence);
    }

    [Fact]
    public void Phone_field_raises_confidence_of_formatted_numbers()
    {
        var match = SensitiveScan.Single("(555) 123-4567", Phone, "(555) 123-4567", "contact_phone");
        Assert.Equal(SensitiveConfidence.High, match.Confidence);
    }

    [Fact]
    public void Digits_inside_an_email_are_not_a_phone()
    {
        var matches = SensitiveScan.Value("555-123-4567@example.com");
        Assert.Equal(SensitiveTypes.Email, Assert.Single(matches).Type);
    }
}
