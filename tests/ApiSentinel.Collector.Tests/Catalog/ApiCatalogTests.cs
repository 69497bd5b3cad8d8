using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Contract;
using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Tests.Catalog;

public class ApiCatalogTests
{
    private static ApiCall Call(string method, string path, int? status = 200, string client = "10.0.0.5", string auth = "none",
        string? location = null, string? jwtAlg = null, string? fingerprint = null, long ts = 1_000_000, string host = "shop.example",
        IReadOnlyList<SensitiveObservation>? sensitive = null, string? tool = null) => new()
    {
        TimestampMicros = ts, ClientAddress = client, Server = "10.0.0.9:8080", Host = host, Method = method, Path = path,
        Status = status, Auth = auth, AuthLocation = location, JwtAlgorithm = jwtAlg, CredentialFingerprint = fingerprint,
        Sensitive = sensitive ?? [], ClientTool = tool, Transport = Transport.Plaintext,
    };

    private const string Spec = """
        openapi: 3.0.3
        info: { title: shop, version: "1" }
        servers: [ { url: "http://shop.example" } ]
        paths:
          /users/{id}:
            get: { responses: { "200": { description: ok } } }
          /legacy:
            get: { deprecated: true, responses: { "200": { description: ok } } }
          /never:
            get: { responses: { "200": { description: ok } } }
        """;

    private static SpecIndex Specs()
    {
        var index = new SpecIndex();
        index.Add(ApiSpec.Parse(Spec, "shop.yaml"));
        return index;
    }

    [Fact]
    public void Concrete_paths_collapse_into_one_endpoint_and_keep_their_statistics()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("GET", "/orders/17", 200, ts: 5));
        catalog.Ingest(Call("GET", "/orders/18", 404, ts: 9));
        catalog.Ingest(Call("GET", "/orders/19", 200, client: "10.0.0.6", ts: 7));
        var e = Assert.Single(catalog.Build().Endpoints);
        Assert.Equal(new EndpointKey("shop.example", "GET", "/orders/{orderId}"), e.Key);
        Assert.Equal(3, e.Requests);
        Assert.Equal(2, e.StatusCodes[200]);
        Assert.Equal(1, e.StatusCodes[404]);
        Assert.Equal((5, 9), (e.FirstSeenMicros, e.LastSeenMicros));
        Assert.Equal(2, e.Clients.Count);
    }

    [Fact]
    public void Endpoints_keyed_early_are_merged_when_evidence_shows_they_are_one()
    {
        // Word-valued ids only become a parameter once enough distinct ones are seen; the first calls were keyed
        // under literal templates and must be folded together at build time.
        var catalog = new ApiCatalog(new CatalogOptions());
        string[] names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];
        foreach (var name in names)
        {
            catalog.Ingest(Call("GET", $"/repos/{name}"));
        }
        var snapshot = catalog.Build();
        var e = Assert.Single(snapshot.Endpoints);
        Assert.Equal("/repos/{repoId}", e.Key.PathTemplate);
        Assert.Equal(names.Length, e.Requests);
    }

    [Fact]
    public void The_same_calls_in_any_order_give_the_same_catalog()
    {
        var calls = new List<ApiCall>();
        var random = new Random(7);
        for (var i = 0; i < 400; i++)
        {
            calls.Add(Call(random.Next(4) == 0 ? "POST" : "GET",
                random.Next(3) switch { 0 => $"/users/{random.Next(1000)}", 1 => "/users/me", _ => $"/users/{random.Next(1000)}/orders/{Guid.NewGuid()}" },
                status: random.Next(10) == 0 ? 500 : 200, client: $"10.0.0.{random.Next(20)}", ts: i));
        }
        string Describe(IEnumerable<ApiCall> order)
        {
            var catalog = new ApiCatalog(new CatalogOptions());
            foreach (var call in order)
            {
                catalog.Ingest(call);
            }
            return string.Join("\n", catalog.Build().Endpoints.Select(e =>
                $"{e.Key} {e.Requests} {string.Join(',', e.StatusCodes)} {e.Risk!.Score}"));
        }
        var expected = Describe(calls);
        for (var shuffle = 0; shuffle < 10; shuffle++)
        {
            Assert.Equal(expected, Describe(calls.OrderBy(_ => random.Next()).ToList()));
        }
        Assert.Contains("/users/me", expected, StringComparison.Ordinal);
        Assert.Contains("/users/{userId}/orders/{orderId}", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_states_shadow_zombie_conformant_and_unused_operations()
    {
        var catalog = new ApiCatalog(new CatalogOptions(), Specs());
        catalog.Ingest(Call("GET", "/users/5"));
        catalog.Ingest(Call("GET", "/legacy"));
        catalog.Ingest(Call("GET", "/internal/stats"));
        catalog.Ingest(Call("GET", "/other", host: "elsewhere.example"));
        var snapshot = catalog.Build();
        string State(string path) => snapshot.Endpoints.Single(e => e.Key.PathTemplate == path).SpecState;
        Assert.Equal("conformant", State("/users/{id}"));  // the spec's template and name win
        Assert.Equal("zombie", State("/legacy"));
        Assert.Equal("shadow", State("/internal/stats"));
        Assert.Equal("no-spec", State("/other"));          // a host no spec covers
        var unused = Assert.Single(snapshot.UnusedSpecOperations);
        Assert.Equal("/never", unused.Operation.PathTemplate);
    }

    [Fact]
    public void Paths_that_only_ever_answered_404_are_probes_not_endpoints()
    {
        var catalog = new ApiCatalog(new CatalogOptions(), Specs());
        catalog.Ingest(Call("GET", "/wp-login.php", 404));
        catalog.Ingest(Call("GET", "/users/5", 404));
        catalog.Ingest(Call("GET", "/users/6", 200));
        var snapshot = catalog.Build();
        var probe = Assert.Single(snapshot.ProbedPaths);
        Assert.Equal("/wp-login.php", probe.Key.PathTemplate);
        Assert.Single(snapshot.Endpoints);
    }

    [Fact]
    public void Weak_access_patterns_are_flagged_with_evidence()
    {
        var options = new CatalogOptions { TokenProliferationThreshold = 3 };
        var catalog = new ApiCatalog(options);
        catalog.Ingest(Call("GET", "/a", auth: "basic", location: "header:authorization", fingerprint: "f1"));
        catalog.Ingest(Call("GET", "/a", auth: "api-key", location: "query:api_key", fingerprint: "f2"));
        catalog.Ingest(Call("GET", "/a", auth: "jwt", location: "header:authorization", jwtAlg: "none", fingerprint: "f3"));
        catalog.Ingest(Call("GET", "/a", auth: "jwt", location: "header:authorization", jwtAlg: "HS256", fingerprint: "f4"));
        catalog.Ingest(Call("GET", "/a"));
        var issues = Assert.Single(catalog.Build().Endpoints).AccessIssues.Select(i => i.Kind).ToList();
        Assert.Equal(["mixed-auth", "mixed-schemes", "basic-over-plaintext", "credentials-in-query", "jwt-alg-none", "jwt-symmetric", "token-proliferation"], issues);

        var open = new ApiCatalog(new CatalogOptions());
        open.Ingest(Call("GET", "/b"));
        Assert.Equal(["no-auth"], Assert.Single(open.Build().Endpoints).AccessIssues.Select(i => i.Kind));
    }

    [Fact]
    public void Exposure_counts_external_clients_and_cluster_cidrs_are_internal()
    {
        var options = new CatalogOptions();
        options.ClusterCidrs.Add("100.100.0.0/16");
        var catalog = new ApiCatalog(options);
        catalog.Ingest(Call("GET", "/x", client: "10.1.2.3"));
        catalog.Ingest(Call("GET", "/x", client: "100.100.4.5"));
        catalog.Ingest(Call("GET", "/x", client: "203.0.113.7"));
        var e = Assert.Single(catalog.Build().Endpoints);
        Assert.Equal((2, 1), (e.InternalClientCalls, e.ExternalClientCalls));
        Assert.Contains(e.Risk!.Factors, f => f.Name == "exposure" && f.Points > 0);
    }

    [Fact]
    public void Sensitive_data_and_findings_reach_the_endpoint_and_its_risk()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("GET", "/users/1", sensitive: [new SensitiveObservation("us-ssn", "response.body.$.ssn", 1)]));
        for (var i = 0; i < 12; i++)
        {
            catalog.Ingest(Call("GET", $"/probe{i}", 404, client: "198.51.100.9", ts: 2_000_000 + i * 1000, tool: "nikto"));
        }
        catalog.Ingest(Call("GET", "/users/2", client: "198.51.100.9", ts: 2_100_000, tool: "nikto"));
        var snapshot = catalog.Build();
        var user = Assert.Single(snapshot.Endpoints);
        Assert.Equal(1, user.Sensitive[("us-ssn", "response.body.$.ssn")]);
        Assert.Contains(snapshot.Findings, f => f.Kind == "scanner" && f.Client == "198.51.100.9");
        Assert.Contains(user.Findings, f => f.Kind == "scanner");
        Assert.Contains(user.Risk!.Factors, f => f.Name == "observed-attacks" && f.Points > 0);
        Assert.Contains(user.Risk!.Factors, f => f.Name == "sensitive-data" && f.Points > 0);
    }

    [Fact]
    public void A_documented_path_is_an_endpoint_even_if_every_call_got_404()
    {
        var catalog = new ApiCatalog(new CatalogOptions(), Specs());
        catalog.Ingest(Call("GET", "/users/404404", 404));
        var snapshot = catalog.Build();
        Assert.Empty(snapshot.ProbedPaths);
        Assert.Equal("/users/{id}", Assert.Single(snapshot.Endpoints).Key.PathTemplate);
    }

    [Fact]
    public void Findings_keep_their_endpoints_across_builds()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        string[] names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];
        for (var i = 0; i < names.Length; i++)
        {
            catalog.Ingest(Call("GET", $"/repos/{names[i]}", 200, client: "198.51.100.9", ts: 1_000_000 + i, tool: "nikto"));
        }
        var first = catalog.Build();
        var second = catalog.Build();
        Assert.NotEmpty(Assert.Single(first.Endpoints).Findings);
        Assert.NotEmpty(Assert.Single(second.Endpoints).Findings);
    }

    [Fact]
    public void Client_controlled_sets_of_an_endpoint_are_bounded()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        for (var i = 0; i < 1000; i++)
        {
            catalog.Ingest(Call("GET", "/x", location: $"cookie:s{i}", auth: "session-cookie",
                sensitive: [new SensitiveObservation("email", $"request.query.f{i}", 1)]));
        }
        var e = Assert.Single(catalog.Build().Endpoints);
        Assert.Equal(ApiEndpoint.MaxDistinctValues, e.AuthLocations.Count);
        Assert.Equal(ApiEndpoint.MaxDistinctValues, e.Sensitive.Count);
        Assert.True(e.DroppedValues > 0);
    }
}
