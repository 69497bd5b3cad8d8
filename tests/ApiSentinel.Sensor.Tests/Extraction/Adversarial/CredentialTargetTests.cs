using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>Issue 6, item 5, in the target and headers: credential names by pattern, data embedded in path segments.</summary>
public class CredentialTargetTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 2026];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Values_of_credential_named_parameters_are_redacted(int seed)
    {
        var g = new Planted(seed);
        string[] names = ["security_code", "otp_code", "otpCode", "auth_key", "X-Auth-Key", "jwt", "jwtToken", "sessionId",
            "verification-code", "sms_code", "client_secret", "signature", "db_pass", "private_key", "accessKey"];
        foreach (var name in names)
        {
            var secret = g.RandomToken();
            var record = new ExtractorHarness().Extract(TestMessages.Request("GET", $"/v1/x?{name}={secret}&page=2"));
            Assert.Equal($"/v1/x?{name}=REDACTED&page=2", record.Target);
            PlantedValues.AssertAbsent(record, [secret]);
        }
    }

    [Theory]
    [InlineData("X-Auth-Key")]
    [InlineData("X-Session-Token")]
    [InlineData("X-Client-Secret")]
    [InlineData("Jwt")]
    public void Credential_named_headers_are_api_keys(string header)
    {
        var record = new ExtractorHarness().Extract(TestMessages.Request("GET", "/", (header, "Zq8f0pW2-opaque")));
        Assert.Equal(AuthKind.ApiKey, record.Auth.Kind);
        Assert.Equal("header:" + header.ToLowerInvariant(), record.Auth.Location);
    }

    [Theory]
    [InlineData("X-CSRF-Token")]
    [InlineData("Sec-WebSocket-Key")]
    [InlineData("X-Primary-Key")]
    public void Other_headers_with_key_or_token_words_are_not_credentials(string header)
    {
        var record = new ExtractorHarness().Extract(TestMessages.Request("GET", "/", (header, "Zq8f0pW2-opaque")));
        Assert.Equal(AuthKind.None, record.Auth.Kind);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Path_segments_with_embedded_sensitive_values_are_redacted(int seed)
    {
        var g = new Planted(seed);
        for (var i = 0; i < 60; i++)
        {
            var (segment, value, type) = (i % 6) switch
            {
                0 => Embed(g.Card(), v => $"card_{v}", "credit-card"),
                1 => Embed(g.DashedCard('.'), v => v, "credit-card"),
                2 => Embed(g.Ssn(), v => $"ssn-{v}", "us-ssn"),
                3 => Embed(g.Card(), v => $"pan:{v}", "credit-card"),
                4 => Embed(g.Ssn(), v => $"ssn_{v}", "us-ssn"),
                _ => Embed(g.DashedCard('_'), v => $"c~{v}", "credit-card"),
            };
            var record = new ExtractorHarness().Extract(TestMessages.Request("GET", $"/customers/{segment}/orders"));
            Assert.Equal("/customers/REDACTED/orders", record.Target);
            Assert.Contains(record.Sensitive, s => s.Type == type && s.Location == "request.path");
            PlantedValues.AssertAbsent(record, [value]);
        }

        static (string Segment, string Value, string Type) Embed(string value, Func<string, string> shape, string type) =>
            (shape(value), value, type);
    }

    [Theory]
    [InlineData("/orders/2024-000123")]
    [InlineData("/v1.2.3/items")]
    [InlineData("/oid/1.2.840.113549")]
    [InlineData("/users/42/avatar_128.png")]
    public void Ordinary_segments_with_digits_are_kept(string target)
    {
        var record = new ExtractorHarness().Extract(TestMessages.Request("GET", target));
        Assert.Equal(target, record.Target);
        Assert.Empty(record.Sensitive);
    }
}
