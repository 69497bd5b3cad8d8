using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Tests.Sensitive;

public class MaskTests
{
    [Theory]
    [InlineData("credit-card", "4111111111111111", "4111********1111")]
    [InlineData("credit-card", "4111 1111 1111 1111", "4111********1111")]
    [InlineData("credit-card", "378282246310005", "3782*******0005")]
    [InlineData("us-ssn", "536-90-6789", "***-**-6789")]
    [InlineData("us-ssn", "536906789", "***-**-6789")]
    [InlineData("email", "john@example.com", "j***@example.com")]
    [InlineData("phone-number", "+44 20 7946 0958", "+** ** **** 0958")]
    [InlineData("phone-number", "(555) 123-4567", "(***) ***-4567")]
    [InlineData("iban", "DE89 3704 0044 0532 0130 00", "DE89**************3000")]
    [InlineData("aws-access-key", "AKIAIOSFODNN7EXAMPLE", "AKIA********")]
    [InlineData("password", "hunter2", "********")]
    [InlineData("secret", "a-very-long-secret-value", "********")]
    [InlineData("jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "********")]
    [InlineData("employee-id", "EMP-123456", "********")]
    [InlineData("credit-card", "4111", "********")]
    public void Masks_keep_only_the_conventional_parts(string type, string value, string expected) =>
        Assert.Equal(expected, SensitiveDataScanner.Mask(type, value));

    [Fact]
    public void Masked_samples_are_attached_only_when_enabled()
    {
        Assert.All(SensitiveScan.Value("4111111111111111 john@example.com"), m => Assert.Null(m.MaskedSample));

        var scanner = new SensitiveDataScanner(new SensitiveDataOptions { IncludeMaskedSamples = true });
        var results = new List<SensitiveMatch>();
        scanner.ScanValue("4111111111111111 john@example.com", null, results);
        Assert.Equal(
            new[] { "j***@example.com", "4111********1111" },
            results.Select(m => m.MaskedSample).ToArray());

        results.Clear();
        scanner.ScanValue("hunter2", "password", results);
        Assert.Equal("********", Assert.Single(results).MaskedSample);
    }
}
