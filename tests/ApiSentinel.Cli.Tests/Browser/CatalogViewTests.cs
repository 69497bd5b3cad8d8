namespace ApiSentinel.Cli.Tests.Browser;

/// <summary>
/// The browser test's reading of a catalog: static assets are recognised in either shape a fix may give them,
/// and API endpoints are never taken for one.
/// </summary>
public sealed class CatalogViewTests
{
    private const string Endpoint = """{"host":"h:1","method":"GET","path":"/customers","requests":2,"statusCodes":{"200":2},"auth":{"schemes":{"none":2}},"sensitiveData":[],"risk":{"score":1,"factors":[{"name":"exposure","points":2.5,"evidence":"x"}]}}""";

    [Theory]
    [InlineData("""{"endpoints":[ENDPOINT],"staticAssets":[{"host":"h:1","method":"GET","path":"/app.js","requests":2}]}""")]
    [InlineData("""{"endpoints":[ENDPOINT,{"host":"h:1","method":"GET","path":"/app.js","kind":"static-asset"}]}""")]
    [InlineData("""{"endpoints":[ENDPOINT,{"host":"h:1","method":"GET","path":"/app.js","staticAsset":true}]}""")]
    [InlineData("""{"endpoints":[ENDPOINT],"assets":[{"path":"/app.js"}]}""")]
    public void Static_assets_are_recognised_in_a_list_of_their_own_or_by_a_mark(string json)
    {
        var view = CatalogView.Parse(json.Replace("ENDPOINT", Endpoint, StringComparison.Ordinal));
        Assert.Equal(["/customers"], view.ApiEndpoints.Select(e => e.Path));
        var asset = Assert.Single(view.StaticAssets);
        Assert.Equal("GET /app.js", asset.Key);
    }

    [Fact]
    public void Endpoints_without_a_mark_are_api_endpoints_with_their_counts()
    {
        var view = CatalogView.Parse($$"""{"endpoints":[{{Endpoint}}],"findings":[],"probedPaths":[{"host":"h:1","method":"GET","path":"/static"}]}""");
        var e = Assert.Single(view.Entries);
        Assert.False(e.IsStaticAsset);
        Assert.Equal((2, 2.5), (e.Requests, e.RiskFactors.Single().Points));
    }
}
