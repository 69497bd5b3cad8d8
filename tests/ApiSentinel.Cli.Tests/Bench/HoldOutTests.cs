using ApiSentinel.Bench.Accuracy.RealSpecs;

namespace ApiSentinel.Cli.Tests.Bench;

/// <summary>The hold-out split is by provider: every document of one provider lands in one partition.</summary>
public sealed class HoldOutTests
{
    [Theory]
    [InlineData("package/api/azure.com/network.json", "azure.com")]
    [InlineData("package/api/googleapis.com/drive/v3/openapi.yaml", "googleapis.com")]
    [InlineData("package/api/1forge.com.json", "1forge.com")]
    [InlineData("package/api/example.org.yml", "example.org")]
    public void The_provider_is_the_first_component_after_package_api(string entry, string provider) =>
        Assert.Equal(provider, HoldOut.ProviderOf(entry));

    [Fact]
    public void Every_document_of_a_provider_is_in_the_partition_of_the_provider()
    {
        // Hundreds of sibling documents: by document name they would spread over both partitions (~20 % DEV).
        foreach (var provider in new[] { "azure.com", "googleapis.com", "amazonaws.com", "apisetu.gov.in", "1forge.com" })
        {
            var partition = HoldOut.Of("package/api/" + provider + ".json");
            var documents = Enumerable.Range(0, 200).Select(i => $"package/api/{provider}/service-{i}.json");
            Assert.All(documents, d => Assert.Equal(partition, HoldOut.Of(d)));
        }
    }

    [Theory]
    // First bytes of SHA-256(UTF-8 provider), computed independently (Python hashlib): 205 and 15 are divisible by 5.
    [InlineData("package/api/twilio.com/twilio_api_v2010.json", true)]
    [InlineData("package/api/spotify.com.json", true)]
    [InlineData("package/api/azure.com/network.json", false)] // 189
    [InlineData("package/api/googleapis.com/drive/v3.json", false)] // 81
    [InlineData("package/api/stripe.com.json", false)] // 31
    public void Dev_is_the_first_byte_of_sha256_of_the_provider_divisible_by_five(string entry, bool dev) =>
        Assert.Equal(dev ? "Dev" : "Eval", HoldOut.Of(entry).ToString());

    [Theory]
    [InlineData("dev", "Dev")]
    [InlineData("EVAL", "Eval")]
    public void The_partition_option_parses(string text, string partition) => Assert.Equal(partition, HoldOut.Parse(text).ToString());
}
