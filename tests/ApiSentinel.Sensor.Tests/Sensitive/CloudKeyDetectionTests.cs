using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Tests.Sensitive;

/// <summary>Key fixtures are assembled from pieces so no complete credential-shaped literal sits in the repository.</summary>
public class CloudKeyDetectionTests
{
    private static readonly string AwsKeyId = "AKIA" + "IOSFODNN7EXAMPLE";
    private static readonly string AwsSessionKeyId = "ASIA" + "Y34FZKBOKMUTVV7A";
    private static readonly string GoogleKey = "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY";
    private static readonly string GitHubClassic = "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a";
    private static readonly string GitHubFineGrained = "github_pat_" + "11ABCDEFG0123456789abc_" + new string('x', 59);
    private static readonly string SlackBot = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
    private static readonly string StripeLive = "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc";
    private static readonly string AwsSecret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";

    public static TheoryData<string, string> Keys => new()
    {
        { AwsKeyId, SensitiveTypes.AwsAccessKey },
        { AwsSessionKeyId, SensitiveTypes.AwsAccessKey },
        { GoogleKey, SensitiveTypes.GoogleApiKey },
        { GitHubClassic, SensitiveTypes.GitHubToken },
        { "gho_" + GitHubClassic[4..], SensitiveTypes.GitHubToken },
        { "ghs_" + GitHubClassic[4..], SensitiveTypes.GitHubToken },
        { GitHubFineGrained, SensitiveTypes.GitHubToken },
        { SlackBot, SensitiveTypes.SlackToken },
        { "xoxp-" + SlackBot[5..], SensitiveTypes.SlackToken },
        { StripeLive, SensitiveTypes.StripeKey },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Key_is_found_in_text_with_high_confidence(string key, string type)
    {
        var match = SensitiveScan.Single($"config: key=\"{key}\";", type, key);
        Assert.Equal(SensitiveConfidence.High, match.Confidence);
    }

    public static TheoryData<string> NotKeys => new()
    {
        "AKIA" + "IOSFODNN7EXAMPL",              // 15 after prefix
        "AKIA" + "IOSFODNN7EXAMPLE1",            // 17: longer token
        "AKIA" + "iosfodnn7example",             // lower case
        "XAKIA" + "IOSFODNN7EXAMPLE",            // glued to a longer token
        "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBW",  // 34 after prefix
        "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4",  // 35
        "ghx_" + "16C7e42F292c6912E7710c838347Ae178B4a", // unknown GitHub prefix
        "xoxb-" + "short",
        "xoxq-" + "123456789012-1234567890123-AbCd",
        "sk_" + "test_" + "4eC39HqLyjWDarjtT1zdp7dc",  // test keys are not live secrets
        "sk_" + "live_" + "short",
        "-----BEGIN " + "PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----",
        "-----BEGIN " + "CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
    };

    [Theory]
    [MemberData(nameof(NotKeys))]
    public void Near_misses_are_not_keys(string text) => Assert.Empty(SensitiveScan.Value(text));

    [Theory]
    [InlineData("RSA PRIVATE KEY")]
    [InlineData("PRIVATE KEY")]
    [InlineData("EC PRIVATE KEY")]
    [InlineData("OPENSSH PRIVATE KEY")]
    [InlineData("ENCRYPTED PRIVATE KEY")]
    public void Private_key_block_is_found_whole(string label)
    {
        var block = $"-----BEGIN {label}-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nAKIA" + "IOSFODNN7EXAMPLE\n-----END " + label + "-----";
        var text = "key:\n" + block + "\ntrailer";
        var match = Assert.Single(SensitiveScan.Text(text));
        Assert.Equal(SensitiveTypes.PrivateKey, match.Type);
        Assert.Equal(block, text.Substring(match.Start, match.Length));
    }

    [Fact]
    public void Truncated_private_key_block_runs_to_end_of_input()
    {
        var text = "{\"k\":\"-----BEGIN " + "PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
        var match = Assert.Single(SensitiveScan.Text(text));
        Assert.Equal(text.IndexOf("-----BEGIN", StringComparison.Ordinal), match.Start);
        Assert.Equal(text.Length, match.Start + match.Length);
    }

    [Fact]
    public void Aws_secret_needs_context()
    {
        Assert.Empty(SensitiveScan.Value(AwsSecret));
        Assert.Empty(SensitiveScan.Text("hash " + AwsSecret).OfType(SensitiveTypes.AwsSecretKey));

        var field = SensitiveScan.Single(AwsSecret, SensitiveTypes.AwsSecretKey, AwsSecret, "aws_secret_access_key");
        Assert.Equal(SensitiveConfidence.High, field.Confidence);

        foreach (var text in new[] { $"aws_secret_access_key = {AwsSecret}\n", $"{{\"SecretAccessKey\": \"{AwsSecret}\"}}" })
        {
            var match = Assert.Single(SensitiveScan.Text(text).OfType(SensitiveTypes.AwsSecretKey));
            Assert.Equal(AwsSecret, text.Substring(match.Start, match.Length));
        }
    }

    [Fact]
    public void Aws_secret_field_with_hex_hash_is_only_a_field_secret()
    {
        var hash = new string('a', 20) + new string('0', 20);
        var match = Assert.Single(SensitiveScan.Value(hash, "aws_secret_access_key"));
        Assert.Equal(SensitiveTypes.Secret, match.Type);
    }
}
