namespace ApiSentinel.Crds.Tests;

public sealed class LabelValuesTests
{
    [Theory]
    [InlineData("default", true)]
    [InlineData("shop-1", true)]
    [InlineData("", false)]
    [InlineData("Shop", false)]
    [InlineData("-shop", false)]
    [InlineData("shop-", false)]
    [InlineData("sh.op", false)]
    public void Namespaces_are_dns_1123_labels(string value, bool valid) => Assert.Equal(valid, LabelValues.IsValidNamespace(value));

    [Fact]
    public void A_namespace_of_63_characters_is_valid_and_of_64_is_not()
    {
        Assert.True(LabelValues.IsValidNamespace(new string('a', 63)));
        Assert.False(LabelValues.IsValidNamespace(new string('a', 64)));
    }

    [Theory]
    [InlineData("api.example.com:8080")]
    [InlineData("GET /x")]
    [InlineData("-")]
    public void Text_that_is_no_label_value_becomes_a_valid_one_that_keeps_its_readable_part(string text)
    {
        var value = LabelValues.Of(text);
        Assert.True(LabelValues.IsValid(value));
        Assert.NotEqual(text, value);
        Assert.Equal(value, LabelValues.Of(text));
    }

    [Fact]
    public void Label_constants_are_valid_keys_with_the_group_prefix()
    {
        string[] keys = [ApiSentinelLabels.Risk, ApiSentinelLabels.Shadow, ApiSentinelLabels.SpecState, ApiSentinelLabels.Sensitive,
            ApiSentinelLabels.Host, ApiSentinelLabels.Method, ApiSentinelLabels.Exposure, ApiSentinelLabels.State];
        Assert.All(keys, k => Assert.StartsWith("apisentinel.io/", k, StringComparison.Ordinal));
        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.True(LabelValues.IsValid(ApiSentinelLabels.ManagedByCollector));
    }
}
