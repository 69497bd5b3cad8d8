using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Tests.Sensitive;

public class PaymentCardDetectionTests
{
    private const string Card = SensitiveTypes.CreditCard;

    [Theory]
    [InlineData("4111111111119")]        // Visa 13
    [InlineData("4111111111111111")]     // Visa 16
    [InlineData("4111111111111111110")]  // Visa 19
    [InlineData("5111111111111118")]     // Mastercard 51
    [InlineData("5555555555554444")]     // Mastercard 55
    [InlineData("2221111111111112")]     // Mastercard 2-series low
    [InlineData("2720111111111118")]     // Mastercard 2-series high
    [InlineData("2223003122003222")]
    [InlineData("341111111111111")]      // Amex 34
    [InlineData("378282246310005")]      // Amex 37
    [InlineData("6011111111111117")]     // Discover 6011 / 16
    [InlineData("6011111111111111110")]  // Discover 6011 / 19
    [InlineData("6441111111111117")]     // Discover 644
    [InlineData("651111111111111119")]   // Discover 65 / 18
    [InlineData("3528111111111110")]     // JCB low
    [InlineData("3589111111111111118")]  // JCB high / 19
    [InlineData("3530111333300000")]
    [InlineData("36111111111111")]       // Diners 36 / 14
    [InlineData("30011111111119")]       // Diners 300
    [InlineData("3051111111111111119")]  // Diners 305 / 19
    [InlineData("38111111111119")]       // Diners 38
    [InlineData("3911111111111115")]     // Diners 39 / 16
    [InlineData("6211111111111115")]     // UnionPay 16
    [InlineData("6211111111111111116")]  // UnionPay 19
    [InlineData("6759111111113")]        // Maestro 13
    public void Issuer_prefix_with_valid_length_and_luhn_is_a_card(string number)
    {
        var match = SensitiveScan.Single(number, Card, number);
        Assert.Equal(SensitiveConfidence.Medium, match.Confidence);
    }

    [Theory]
    [InlineData("4111111111111112")]     // Visa, Luhn off by one
    [InlineData("5511111111111115")]
    [InlineData("378282246310006")]
    [InlineData("6011111111111118")]
    [InlineData("3528111111111111")]
    [InlineData("30011111111110")]
    public void Luhn_invalid_numbers_are_not_cards(string number) => Assert.Empty(SensitiveScan.Value(number).OfType(Card));

    [Theory]
    [InlineData("411111111111116")]      // Visa never issues 15 digits
    [InlineData("41111111111111113")]    // ... nor 17
    [InlineData("2721111111111117")]     // just above the Mastercard 2-series
    [InlineData("3411111111111110")]     // Amex is 15 only
    [InlineData("5611111111111113")]     // 56 is no issuer in the table
    [InlineData("1111111111111117")]     // no issuer starts with 1
    [InlineData("9111111111111110")]
    public void Luhn_valid_numbers_with_wrong_issuer_length_are_not_cards(string number) =>
        Assert.Empty(SensitiveScan.Value(number).OfType(Card));

    [Fact]
    public void All_same_digit_runs_are_synthetic() =>
        Assert.Empty(SensitiveScan.Value("4444444444444444 0000000000000000").OfType(Card));

    [Theory]
    [InlineData("card 4111 1111 1111 1111 exp", "4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111", "4111-1111-1111-1111")]
    [InlineData("amex 3782 822463 10005.", "3782 822463 10005")]
    [InlineData("4111 1111 1111 1111 2023", "4111 1111 1111 1111")]
    public void Grouped_numbers_are_cards_with_high_confidence(string text, string expected)
    {
        var match = SensitiveScan.Single(text, Card, expected);
        Assert.Equal(SensitiveConfidence.High, match.Confidence);
    }

    [Theory]
    [InlineData("41111111111111110")]        // 17 digits: a Visa prefix inside a longer number
    [InlineData("94111111111111111")]
    [InlineData("id=x4111111111111111")]
    [InlineData("4111111111111111-12")]
    [InlineData("12.4111111111111111")]
    [InlineData("4111-1111-1111-1111-5")]
    [InlineData("4111 1111-1111 1111")]      // mixed separators
    [InlineData("4111  1111 1111 1111")]     // double space
    public void Digit_runs_inside_longer_numbers_or_tokens_are_not_cards(string text) =>
        Assert.Empty(SensitiveScan.Value(text).OfType(Card));

    [Fact]
    public void Card_field_name_raises_confidence()
    {
        var match = SensitiveScan.Single("4111111111111111", Card, "4111111111111111", field: "cardNumber");
        Assert.Equal(SensitiveConfidence.High, match.Confidence);
    }

    [Fact]
    public void Several_cards_in_one_text_are_all_reported()
    {
        var matches = SensitiveScan.Text("a 4111111111111111, b 5555555555554444; c 378282246310005").OfType(Card);
        Assert.Equal(3, matches.Count);
    }

    [Fact]
    public void Mime_boundaries_are_not_cards_but_values_after_an_equals_sign_are()
    {
        var scanner = new SensitiveDataScanner(new SensitiveDataOptions());
        var found = new List<SensitiveMatch>();
        // 6011000990139424 is Luhn-valid with a Discover prefix.
        scanner.ScanText("--===============6011000990139424==\r\nContent-Type: text/plain"u8, found);
        Assert.DoesNotContain(found, m => m.Type == "credit-card");
        scanner.ScanText("card=6011000990139424&x=1"u8, found);
        Assert.Contains(found, m => m.Type == "credit-card");
    }
}
