using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Risk;

/// <summary>
/// The weak access-control rules have one implementation: what the catalog lists as an endpoint's access issues is
/// exactly what its access-control factor scores, with one threshold and one case handling.
/// </summary>
public sealed class AccessAnalysisTests
{
    private static ApiCall Call(string auth, string? fingerprint = null, string? jwtAlg = null, string? location = "header:authorization") => new()
    {
        TimestampMicros = 1_000_000, ClientAddress = "10.0.0.5", Server = "10.0.0.9:8080", Host = "shop.example", Method = "GET",
        Path = "/orders", Status = 200, Auth = auth, AuthLocation = auth == AuthKinds.None ? null : location, JwtAlgorithm = jwtAlg,
        CredentialFingerprint = fingerprint, Transport = Transport.Plaintext,
    };

    private static EndpointSnapshot Catalogued(CatalogOptions options, IEnumerable<ApiCall> calls)
    {
        var catalog = new ApiCatalog(options);
        foreach (var call in calls)
        {
            catalog.Ingest(call);
        }
        return Assert.Single(catalog.Build().Endpoints);
    }

    private static RiskFactor AccessControl(EndpointSnapshot endpoint) =>
        Assert.Single(endpoint.Risk.Factors, f => f.Name == RiskFactorNames.AccessControl);

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void The_catalog_threshold_decides_both_the_issue_and_the_score(int threshold, bool proliferates)
    {
        var calls = Enumerable.Range(0, 5).Select(i => Call(AuthKinds.Jwt, $"token-{i}", "RS256"));

        var endpoint = Catalogued(new CatalogOptions { TokenProliferationThreshold = threshold }, calls);

        Assert.Equal(proliferates, endpoint.AccessIssues.Any(i => i.Kind == AccessIssueKinds.TokenProliferation));
        var factor = AccessControl(endpoint);
        Assert.Equal(proliferates ? 6 : 3, factor.Points); // jwt 0.1, + 0.1 for proliferation
        Assert.Equal(proliferates, factor.Evidence.Contains("5 distinct credentials (token proliferation)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("none", AccessIssueKinds.JwtAlgNone, 30)]
    [InlineData("NONE", AccessIssueKinds.JwtAlgNone, 30)]
    [InlineData("nOnE", AccessIssueKinds.JwtAlgNone, 30)]
    [InlineData("HS256", AccessIssueKinds.JwtSymmetric, 6)]
    [InlineData("hs512", AccessIssueKinds.JwtSymmetric, 6)]
    public void Jwt_algorithms_are_matched_in_any_case_by_the_issue_and_the_score(string algorithm, string kind, double points)
    {
        var endpoint = Catalogued(new CatalogOptions(), [Call(AuthKinds.Jwt, "t", algorithm)]);

        Assert.Equal([kind], endpoint.AccessIssues.Select(i => i.Kind));
        Assert.Equal(points, AccessControl(endpoint).Points);
    }

    [Fact]
    public void The_factor_evidence_is_the_weakest_scheme_then_the_issues()
    {
        var endpoint = Catalogued(new CatalogOptions { TokenProliferationThreshold = 3 },
        [
            Call(AuthKinds.Basic, "f1"),
            Call(AuthKinds.ApiKey, "f2", location: "query:api_key"),
            Call(AuthKinds.Jwt, "f3", "HS256"),
            Call(AuthKinds.None),
        ]);

        Assert.Equal(
            ["weakest scheme: basic (1 of 4 calls)", .. endpoint.AccessIssues.Select(i => i.Evidence)],
            AccessControl(endpoint).Evidence.Split("; "));
        Assert.Equal(
        [
            AccessIssueKinds.MixedAuth, AccessIssueKinds.MixedSchemes, AccessIssueKinds.BasicOverPlaintext,
            AccessIssueKinds.CredentialsInQuery, AccessIssueKinds.JwtSymmetric, AccessIssueKinds.TokenProliferation,
        ], endpoint.AccessIssues.Select(i => i.Kind));
        Assert.Equal(30, AccessControl(endpoint).Points); // capped
    }

    [Fact]
    public void An_endpoint_without_issues_scores_only_its_scheme()
    {
        var endpoint = Catalogued(new CatalogOptions(), [Call(AuthKinds.Bearer, "t")]);

        Assert.Empty(endpoint.AccessIssues);
        Assert.Equal("weakest scheme: bearer (1 of 1 calls)", AccessControl(endpoint).Evidence);
        Assert.Equal(6, AccessControl(endpoint).Points);
    }

    [Fact]
    public void A_threshold_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApiCatalog(new CatalogOptions { TokenProliferationThreshold = 0 }));
    }
}
