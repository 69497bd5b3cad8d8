using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiSentinel.Crds;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

/// <summary>
/// The commands issue 9 promises security teams, run with the real kubectl against the fake server serving the
/// repository's own CRDs: what a person types, and what they see.
/// </summary>
public sealed partial class KubectlApiSentinelTests(ApiSentinelServerFixture fixture) : IClassFixture<ApiSentinelServerFixture>, IDisposable
{
    private readonly KubectlRunner _kubectl = new(fixture.Kubeconfig);

    [Fact]
    public async Task Get_apiendpoints_across_namespaces_shows_host_method_path_risk_and_score()
    {
        var lines = (await _kubectl.RunAsync("get", "apiendpoints", "-A")).Lines();

        Assert.Equal(["NAMESPACE", "NAME", "HOST", "METHOD", "PATH", "RISK", "SCORE", "AGE"], Words(lines[0]));
        var rows = lines.Skip(1).Select(Words).ToList();
        Assert.Equal(ApiSentinelManifests.Endpoints.Count, rows.Count);
        foreach (var e in ApiSentinelManifests.Endpoints)
        {
            Assert.Contains(rows, r => r.SequenceEqual([e.Namespace, e.Name, e.Host, e.Method, e.Path, e.Level, e.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), "0s"]));
        }
    }

    [Fact]
    public async Task Sort_by_risk_score_lists_the_riskiest_last()
    {
        var lines = (await _kubectl.RunAsync("get", "apiendpoints", "-A", "--sort-by=.status.risk.score")).Lines();

        Assert.Equal(ApiSentinelManifests.Endpoints.OrderBy(e => e.Score).Select(e => e.Name), lines.Skip(1).Select(l => Words(l)[1]));
    }

    [Fact]
    public async Task Label_selectors_find_the_risky_and_the_shadow_endpoints()
    {
        var high = (await _kubectl.RunAsync("get", "apiendpoints", "-A", "-l", $"{ApiSentinelLabels.Risk} in (high,critical)")).Lines();
        Assert.Equal(["shop-get-users-id", "shop-post-orders"], high.Skip(1).Select(l => Words(l)[1]).Order(StringComparer.Ordinal));

        var shadow = (await _kubectl.RunAsync("get", "apiendpoints", "-A", "-l", $"{ApiSentinelLabels.Shadow}={ApiSentinelLabels.True}")).Lines();
        Assert.Equal(["shop-get-users-id"], shadow.Skip(1).Select(l => Words(l)[1]));
    }

    [Fact]
    public async Task Wide_output_adds_auth_sensitive_data_spec_state_and_last_seen()
    {
        var lines = (await _kubectl.RunAsync("get", "apiendpoints", "-n", "shop", "-o", "wide")).Lines();

        Assert.Equal(["NAME", "HOST", "METHOD", "PATH", "RISK", "SCORE", "AUTH", "SENSITIVE", "SPEC", "LAST", "SEEN", "AGE"], Words(lines[0]));
        var orders = Words(lines.Single(l => l.StartsWith("shop-post-orders", StringComparison.Ordinal)));
        Assert.Equal(["none", "credit-card,email", "non-conformant"], orders[6..9]);
        Assert.Equal(["3m", "0s"], orders[9..]);
    }

    [Fact]
    public async Task Yaml_output_holds_spec_labels_and_the_risk_factors()
    {
        var yaml = (await _kubectl.RunAsync("get", "apiendpoint", "shop-get-users-id", "-n", "shop", "-o", "yaml")).Succeeded();

        Assert.Contains("kind: ApiEndpoint", yaml, StringComparison.Ordinal);
        Assert.Contains($"{ApiSentinelLabels.Shadow}: \"true\"", yaml, StringComparison.Ordinal);
        Assert.Contains("path: /users/{id}", yaml, StringComparison.Ordinal);
        Assert.Contains("name: access-control", yaml, StringComparison.Ordinal);
        Assert.Contains("evidence: calls authenticated with bearer", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_apisentinel_category_and_the_short_names_reach_all_three_kinds()
    {
        var all = (await _kubectl.RunAsync("get", "apisentinel", "-n", "shop")).Succeeded();

        Assert.Contains("apiendpoint.apisentinel.io/shop-get-users-id", all, StringComparison.Ordinal);
        Assert.Contains("apispec.apisentinel.io/shop-openapi", all, StringComparison.Ordinal);
        Assert.Contains("defender.apisentinel.io/node-sensors", all, StringComparison.Ordinal);
        Assert.DoesNotContain("billing-get-invoices", all, StringComparison.Ordinal);

        foreach (var (shortName, name) in new[] { ("ae", "shop-post-orders"), ("apiep", "shop-post-orders"), ("as", "shop-openapi"), ("dfd", "node-sensors") })
        {
            var lines = (await _kubectl.RunAsync("get", shortName, "-n", "shop")).Lines();
            Assert.Contains(lines.Skip(1), l => Words(l)[0] == name);
        }
        var defender = (await _kubectl.RunAsync("get", "dfd", "node-sensors", "-n", "shop")).Lines();
        Assert.Equal(["NAME", "MODE", "DESIRED", "READY", "AGE"], Words(defender[0]));
        Assert.Equal(["node-sensors", "DaemonSet"], Words(defender[1]).Take(2));
    }

    [Fact]
    public async Task Describe_shows_every_factor_and_the_events_about_the_endpoint()
    {
        // The fixture reported a shadow-endpoint event about shop-get-users-id, as the collector does.
        var text = (await _kubectl.RunAsync("describe", "apiendpoint", "shop-get-users-id", "-n", "shop")).Succeeded();

        Assert.Matches(@"Name:\s+shop-get-users-id", text);
        Assert.Matches(@"Host:\s+shop\.example\.com", text);
        Assert.Matches(@"Method:\s+GET", text);
        Assert.Matches(@"Level:\s+high", text);
        Assert.Matches(@"Score:\s+72", text);
        Assert.Matches(@"Evidence:\s+calls authenticated with bearer", text);
        Assert.Matches(@"Name:\s+sensitive-data", text);
        var events = text[text.IndexOf("Events:", StringComparison.Ordinal)..];
        Assert.Matches(@"Warning\s+ShadowEndpoint\s+\S+\s+apisentinel-collector\s+GET /users/\{id\} on shop\.example\.com is in no published spec", events);

        var other = (await _kubectl.RunAsync("describe", "ae", "shop-post-orders", "-n", "shop")).Succeeded();
        Assert.Matches(@"Score:\s+91", other);
        Assert.DoesNotContain("ShadowEndpoint", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_events_shows_what_the_collector_reported_about_which_endpoint()
    {
        var lines = (await _kubectl.RunAsync("get", "events", "-n", "shop")).Lines();

        Assert.Equal(["LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], Words(lines[0]));
        Assert.Matches(@"^30s\s+Warning\s+ShadowEndpoint\s+apiendpoint/shop-get-users-id\s+GET /users/\{id\} on shop\.example\.com is in no published spec$", lines[1]);
        var wide = (await _kubectl.RunAsync("get", "events", "-n", "shop", "-o", "wide")).Lines();
        Assert.Contains("apisentinel-collector", wide[1], StringComparison.Ordinal);
        Assert.Contains(ApiSentinelServerFixture.ShadowEventName, wide[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_prints_the_crd_descriptions_of_status_risk_and_its_fields()
    {
        var schema = ApiEndpointSchema();
        var risk = schema["properties"]!["status"]!["properties"]!["risk"]!;

        var text = Collapse((await _kubectl.RunAsync("explain", "apiendpoint.status.risk")).Succeeded());

        Assert.Contains("KIND: ApiEndpoint", text, StringComparison.Ordinal);
        Assert.Contains("VERSION: v1alpha1", text, StringComparison.Ordinal);
        Assert.Contains(Collapse((string)risk["description"]!), text, StringComparison.Ordinal);
        foreach (var (field, body) in risk["properties"]!.AsObject())
        {
            Assert.Contains(field, text, StringComparison.Ordinal);
            Assert.Contains(Collapse((string)body!["description"]!), text, StringComparison.Ordinal);
        }
        var score = Collapse((await _kubectl.RunAsync("explain", "ae.status.risk.score")).Succeeded());
        Assert.Contains("FIELD: score <integer>", score, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_resources_lists_the_three_kinds_with_short_names_and_category()
    {
        var lines = (await _kubectl.RunAsync("api-resources", "--api-group=apisentinel.io", "-o", "wide")).Lines();

        Assert.Equal(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", "VERBS", "CATEGORIES"], Words(lines[0]));
        var rows = lines.Skip(1).Select(Words).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Take(5).SequenceEqual(["apiendpoints", "ae,apiep", ApiSentinelManifests.ApiVersion, "true", "ApiEndpoint"]) && r[^1] == "apisentinel");
        Assert.Contains(rows, r => r.Take(5).SequenceEqual(["apispecs", "as", ApiSentinelManifests.ApiVersion, "true", "ApiSpec"]));
        Assert.Contains(rows, r => r.Take(5).SequenceEqual(["defenders", "dfd", ApiSentinelManifests.ApiVersion, "true", "Defender"]));
    }

    [Fact]
    public async Task Server_side_apply_of_a_spec_manifest_creates_it_and_the_server_validates_it()
    {
        const string manifest = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: payments
            ---
            apiVersion: apisentinel.io/v1alpha1
            kind: ApiSpec
            metadata:
              name: payments-openapi
              namespace: payments
            spec:
              document: |
                openapi: 3.0.0
                info: { title: payments, version: "1" }
                paths: {}
              hosts: [payments.example.com]
            """;

        var applied = (await _kubectl.RunWithInputAsync(manifest, "apply", "--server-side", "-f", "-")).Succeeded();

        Assert.Contains("namespace/payments serverside-applied", applied, StringComparison.Ordinal);
        Assert.Contains("apispec.apisentinel.io/payments-openapi serverside-applied", applied, StringComparison.Ordinal);
        var stored = fixture.Server.Get(ApiSentinelManifests.ApiVersion, "apispecs", "payments", "payments-openapi")!;
        Assert.Equal(["payments.example.com"], stored["spec"]!["hosts"]!.AsArray().Select(h => (string?)h));
        Assert.Contains(stored["metadata"]!["managedFields"]!.AsArray(), m => (string?)m!["manager"] == "kubectl" && (string?)m["operation"] == "Apply");

        // Both a document and a ConfigMap reference: the CRD's CEL rule refuses it, and kubectl shows the server's message.
        var invalid = await _kubectl.RunWithInputAsync(manifest.Replace("  hosts:", "  configMapRef: { name: specs, key: payments.yaml }\n  hosts:", StringComparison.Ordinal)
            .Replace("payments-openapi", "payments-both", StringComparison.Ordinal), "apply", "--server-side", "-f", "-");
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("is invalid", invalid.Stderr, StringComparison.Ordinal);
        Assert.Null(fixture.Server.Get(ApiSentinelManifests.ApiVersion, "apispecs", "payments", "payments-both"));
    }

    public void Dispose() => _kubectl.Dispose();

    private static JsonNode ApiEndpointSchema()
    {
        var crd = YamlJson.ParseAll(File.ReadAllText(Path.Combine(RepositoryPaths.Crds, "apisentinel.io_apiendpoints.yaml"))).Single(d => d is not null)!;
        return crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!;
    }

    /// <summary>Whitespace runs to one space: kubectl wraps descriptions at its width.</summary>
    private static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
