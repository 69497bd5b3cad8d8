using ApiSentinel.Collector.Templating;

namespace ApiSentinel.Collector.Tests.Templating;

public class ParameterNamingTests
{
    [Theory]
    [InlineData("users", "user")]
    [InlineData("categories", "category")]
    [InlineData("addresses", "address")]
    [InlineData("people", "person")]
    [InlineData("children", "child")]
    [InlineData("boxes", "box")]
    [InlineData("branches", "branch")]
    [InlineData("caches", "cache")]
    [InlineData("statuses", "status")]
    [InlineData("houses", "house")]
    [InlineData("responses", "response")]
    [InlineData("repos", "repo")]
    [InlineData("status", "status")]
    [InlineData("analysis", "analysis")]
    [InlineData("me", "me")]
    [InlineData("movies", "movie")]
    public void Singularises_simple_english(string plural, string singular) =>
        Assert.Equal(singular, ParameterNaming.Singularize(plural));

    [Theory]
    [InlineData("user-groups", "userGroup")]
    [InlineData("line_items", "lineItem")]
    [InlineData("userGroups", "userGroup")]
    [InlineData("v1", null)]
    [InlineData("api", null)]
    [InlineData("123", null)]
    public void Derives_base_names_from_literals(string literal, string? expected) =>
        Assert.Equal(expected, ParameterNaming.BaseName(literal, new TemplatingOptions()));
}
