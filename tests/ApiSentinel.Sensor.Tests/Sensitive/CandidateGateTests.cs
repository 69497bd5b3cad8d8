namespace ApiSentinel.Sensor.Tests.Sensitive;

/// <summary>
/// Values up to 64 chars take the bit-mask gate path, longer ones the vectorised-count path: every detector must
/// find the same thing on both sides of that boundary, at the start, middle and end of the value.
/// </summary>
public class CandidateGateTests
{
    public static TheoryData<string, string, string?> Samples => new()
    {
        { "4111 1111 1111 1111", "credit-card", null },
        { "4111-1111-1111-1111", "credit-card", null },
        { "3782 822463 10005", "credit-card", null },
        { "4111111111111111", "credit-card", null },
        { "078-05-1121", "us-ssn", null },
        { "078 05 1121", "us-ssn", "ssn" },
        { "078051121", "us-ssn", "ssn" },
        { "+1 (555) 123-4567", "phone-number", null },
        { "+14155552671", "phone-number", null },
        { "(555)123-4567", "phone-number", null },
        { "555.123.4567", "phone-number", null },
        { "020 7946 0958", "phone-number", null },
        { "5551234", "phone-number", "phone" },
        { "DE89370400440532013000", "iban", null },
        { "GB82 WEST 1234 5698 7654 32", "iban", null },
        { "jane.doe@example.com", "email", null },
        { "AKIAIOSFODNN7EXAMPLE", "aws-access-key", null },
        { "xoxb-123456789012-abcdefghij", "slack-token", null },
        { "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "jwt", null },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Detected_at_every_position_and_length(string sample, string type, string? field)
    {
        foreach (var total in new[] { sample.Length, 63, 64, 65, 200 })
        {
            var padding = Math.Max(0, total - sample.Length - 2);
            foreach (var left in new[] { 0, padding / 2, padding })
            {
                var value = new string('x', left) + (left > 0 ? " " : "") + sample + (padding - left > 0 ? " " + new string('y', padding - left) : "");
                var match = Assert.Single(SensitiveScan.Value(value, field).OfType(type));
                Assert.Equal(sample, value.Substring(match.Start, match.Length));
            }
        }
    }

    [Theory]
    [InlineData("2026-10-01T12:00:00Z")]
    [InlineData("3f2a9c1e-0b7d-4e58-9a61-2b4f7c9d8e10")]
    [InlineData("2026-10-01 12:00:00+02:00")]
    [InlineData("1.2.3.4 10.0.0.1")]
    public void Common_values_stay_clean(string value) => Assert.Empty(SensitiveScan.Value(value, "value"));
}
