using ApiSentinel.Collector.Risk;

namespace ApiSentinel.Collector.Tests.Risk;

public sealed class AccessControlFactorTests
{
    private static RiskFactor With(Dictionary<string, long> kinds, Func<RiskInputs, RiskInputs>? tweak = null)
    {
        var inputs = Inputs.Clean() with { AuthKinds = kinds };
        return Inputs.Assess(tweak is null ? inputs : tweak(inputs), RiskFactorNames.AccessControl);
    }

    [Theory]
    [InlineData("none", 18)] // a read-only method; a state-changing one scores the full 30 (below)
    [InlineData("basic", 18)]
    [InlineData("api-key", 12)]
    [InlineData("bearer", 6)]
    [InlineData("jwt", 3)]
    [InlineData("oauth2", 3)]
    [InlineData("mtls", 0)]
    [InlineData("something-new", 12)]
    public void Scheme_strength_orders_the_points(string kind, double points)
    {
        Assert.Equal(points, With(new() { [kind] = 100 }).Points);
    }

    [Theory]
    [InlineData("DELETE", 30)]
    [InlineData("PUT", 30)]
    [InlineData("PATCH", 30)]
    [InlineData("POST", 30)]
    [InlineData("GET", 18)]
    [InlineData("HEAD", 18)]
    [InlineData("OPTIONS", 18)]
    [InlineData(null, 18)] // an overflow bucket's method is unknown: not claimed to change state
    public void An_unauthenticated_state_changing_method_scores_above_an_unauthenticated_read(string? method, double points)
    {
        var factor = With(new() { ["none"] = 10 }, i => i with { Method = method });
        Assert.Equal(points, factor.Points);
        Assert.Equal(points == 30 ? $"no auth on {method}" : "no auth", factor.Summary);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("session-cookie")]
    [InlineData("basic")]
    public void A_static_asset_has_no_access_control_to_miss(string kind)
    {
        var factor = With(new() { [kind] = 10 }, i => i with { StaticAsset = true, Method = "GET" });
        Assert.Equal(0, factor.Points);
        Assert.Equal("static asset: public by design", factor.Evidence);
    }

    [Fact]
    public void Unauthenticated_calls_name_the_count()
    {
        var factor = With(new() { ["none"] = 100 });
        Assert.Equal(30, factor.Weight);
        Assert.Equal("no authentication on any of 100 calls", factor.Evidence);
    }

    [Fact]
    public void Auth_missing_on_some_calls_scores_almost_like_none()
    {
        var factor = With(new() { ["none"] = 5, ["jwt"] = 95 }, i => i with { Method = "POST" });
        Assert.Equal(24, factor.Points);
        Assert.Equal("weakest scheme: jwt (95 of 100 calls); auth missing on 5 of 100 calls", factor.Evidence);
        Assert.Equal(15, With(new() { ["none"] = 5, ["jwt"] = 95 }, i => i with { Method = "GET" }).Points);
    }

    [Fact]
    public void Mixed_schemes_add_a_penalty()
    {
        var factor = With(new() { ["api-key"] = 10, ["jwt"] = 90 });
        Assert.Equal(15, factor.Points); // 0.4 + 0.1
        Assert.Contains("mixed schemes: api-key, jwt", factor.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Basic_over_plaintext_is_weaker_than_basic()
    {
        Assert.Equal(18, With(new() { ["basic"] = 100 }).Points); // inside TLS: the scheme alone
        var factor = With(new() { ["basic"] = 100 }, inputs => inputs with { Plaintext = true, BasicOverPlaintextCalls = 100 });
        Assert.Equal(24, factor.Points); // 0.6 + 0.2
        Assert.Contains("basic credentials over clear text on 100 calls", factor.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_in_the_query_string_add_a_penalty()
    {
        var factor = With(new() { ["api-key"] = 100 }, inputs => inputs with { CredentialsInQuery = ["query:api_key"] });
        Assert.Equal(18, factor.Points); // 0.4 + 0.2
        Assert.Contains("credentials in the query string: query:api_key", factor.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Jwt_alg_none_is_no_authentication()
    {
        var factor = With(new() { ["jwt"] = 100 }, inputs => inputs with { JwtAlgorithms = ["RS256", "none"] });
        Assert.Equal(30, factor.Points);
        Assert.Contains("JWT alg none", factor.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Symmetric_jwt_adds_a_penalty()
    {
        var factor = With(new() { ["jwt"] = 100 }, inputs => inputs with { JwtAlgorithms = ["HS256"] });
        Assert.Equal(6, factor.Points); // 0.1 + 0.1
        Assert.Contains("symmetric JWT algorithm HS256", factor.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_proliferation_adds_a_penalty_from_the_threshold()
    {
        Assert.Equal(3, With(new() { ["jwt"] = 5000 }, inputs => inputs with { DistinctCredentials = 999 }).Points);
        var factor = With(new() { ["jwt"] = 5000 }, inputs => inputs with { DistinctCredentials = 1000 });
        Assert.Equal(6, factor.Points);
        Assert.Contains("1000 distinct credentials (token proliferation)", factor.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Penalties_never_exceed_the_weight()
    {
        var factor = With(new() { ["basic"] = 50, ["none"] = 50 }, inputs => inputs with { Plaintext = true, BasicOverPlaintextCalls = 50, CredentialsInQuery = ["query:key"] });
        Assert.Equal(30, factor.Points);
    }

    [Fact]
    public void No_calls_score_nothing_but_still_explain()
    {
        var factor = With([], inputs => inputs with { Requests = 0 });
        Assert.Equal(0, factor.Points);
        Assert.Equal("no calls observed", factor.Evidence);
    }
}
