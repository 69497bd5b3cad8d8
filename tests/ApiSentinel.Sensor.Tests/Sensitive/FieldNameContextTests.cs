using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Tests.Sensitive;

public class FieldNameContextTests
{
    [Theory]
    [InlineData("password", "password")]
    [InlineData("passwd", "password")]
    [InlineData("newPassword", "password")]
    [InlineData("confirm_password", "password")]
    [InlineData("user[password]", "password")]
    [InlineData("pwd", "password")]
    [InlineData("secret", "secret")]
    [InlineData("client_secret", "secret")]
    [InlineData("api_key", "secret")]
    [InlineData("apiKey", "secret")]
    [InlineData("X-Api-Key", "secret")]
    [InlineData("token", "secret")]
    [InlineData("access_token", "secret")]
    [InlineData("refreshToken", "secret")]
    [InlineData("aws_secret_access_key", "aws-secret-key")]
    [InlineData("ssn", "us-ssn")]
    [InlineData("SSN", "us-ssn")]
    [InlineData("social_security_number", "us-ssn")]
    [InlineData("card_number", "credit-card")]
    [InlineData("cardNumber", "credit-card")]
    [InlineData("card-number", "credit-card")]
    [InlineData("CARD_NUMBER", "credit-card")]
    [InlineData("CardNumber", "credit-card")]
    [InlineData("billing.card.number", "credit-card")]
    [InlineData("CCNumber", "credit-card")]
    [InlineData("cc", "credit-card")]
    [InlineData("pan", "credit-card")]
    [InlineData("cvv", "credit-card")]
    [InlineData("iban", "iban")]
    [InlineData("payeeIban", "iban")]
    [InlineData("email", "email")]
    [InlineData("e-mail", "email")]
    [InlineData("emailAddress", "email")]
    [InlineData("phone", "phone-number")]
    [InlineData("mobile_number", "phone-number")]
    [InlineData("tel", "phone-number")]
    [InlineData("dob", "date-of-birth")]
    [InlineData("dateOfBirth", "date-of-birth")]
    public void Field_names_are_classified_after_normalisation(string name, string expected) =>
        Assert.Equal(expected, SensitiveDataScanner.ClassifyFieldName(name));

    [Theory]
    [InlineData("className")]      // contains "ssn" across words
    [InlineData("lessons")]
    [InlineData("token_type")]     // not the token itself
    [InlineData("next_page_token")] // pagination cursor
    [InlineData("panel")]
    [InlineData("accept")]
    [InlineData("hotel")]
    [InlineData("username")]
    [InlineData("")]
    [InlineData("___")]
    public void Unrelated_field_names_are_not_classified(string name) =>
        Assert.Null(SensitiveDataScanner.ClassifyFieldName(name));

    [Fact]
    public void Password_field_reports_its_value_without_content_match()
    {
        var match = Assert.Single(SensitiveScan.Value("hunter2", "password"));
        Assert.Equal(new SensitiveMatch(SensitiveTypes.Password, 0, 7, SensitiveConfidence.Medium), match);
    }

    [Fact]
    public void Secret_and_token_fields_report_secret_with_their_confidence()
    {
        Assert.Equal(SensitiveConfidence.Medium, Assert.Single(SensitiveScan.Value("abc123", "client_secret")).Confidence);
        var token = Assert.Single(SensitiveScan.Value("abc123", "csrf_token"));
        Assert.Equal(SensitiveTypes.Secret, token.Type);
        Assert.Equal(SensitiveConfidence.Low, token.Confidence);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("********")]
    [InlineData("null")]
    public void Empty_or_masked_password_values_are_not_reported(string value) =>
        Assert.Empty(SensitiveScan.Value(value, "password"));

    [Fact]
    public void Content_match_in_a_token_field_replaces_the_field_only_report()
    {
        var jwtLike = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
        Assert.Equal(SensitiveTypes.Jwt, Assert.Single(SensitiveScan.Value(jwtLike, "access_token")).Type);
    }

    [Fact]
    public void Cvv_and_dob_fields_need_plausible_values()
    {
        Assert.Equal(SensitiveTypes.CreditCard, Assert.Single(SensitiveScan.Value("123", "cvv")).Type);
        Assert.Empty(SensitiveScan.Value("12345", "cvv"));
        Assert.Empty(SensitiveScan.Value("abc", "cvc"));
        Assert.Equal(SensitiveTypes.DateOfBirth, Assert.Single(SensitiveScan.Value("1990-01-15", "dob")).Type);
        Assert.Empty(SensitiveScan.Value("unknown", "birthDate"));
    }

    [Fact]
    public void Same_value_in_an_unrelated_field_is_not_reported() => Assert.Empty(SensitiveScan.Value("hunter2", "nickname"));
}
