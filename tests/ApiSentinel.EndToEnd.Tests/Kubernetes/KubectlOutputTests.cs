using System.Text.Json.Nodes;
using ApiSentinel.Crds;
using ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;
using ApiSentinel.Crds.ApiEndpoints;
using Xunit.Abstractions;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes;

/// <summary>
/// What a security engineer types, with the real <c>kubectl</c> (v1.32) against the resources the collector wrote:
/// the cluster-wide list sorted by risk, label selections, the wide view, <c>describe</c> with every risk factor, and
/// <c>explain</c> of the status — asserted on the text kubectl prints (which also goes to the test output, where the
/// README's "Results in Kubernetes" was taken from).
/// </summary>
[Collection(DemoReplayCollection.Name)]
public sealed class KubectlOutputTests(DemoReplayCluster demo, ITestOutputHelper output)
{
    private const string Resource = "apiendpoints";

    [Fact]
    public void Get_across_namespaces_sorted_by_score_lists_every_endpoint_lowest_risk_first()
    {
        var table = Table.Parse(Run("get", Resource, "-A", "--sort-by=.status.risk.score"));

        Assert.Equal(["NAMESPACE", "NAME"], table.Header.Take(2));
        Assert.Contains("SCORE", table.Header);
        Assert.Contains("RISK", table.Header);
        Assert.Equal(demo.Networked.Endpoints.Count, table.Rows.Count);
        Assert.All(table.Rows, row => Assert.Equal(FakeCluster.ShopNamespace, row["NAMESPACE"]));
        var scores = table.Rows.Select(row => int.Parse(row["SCORE"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(scores.Order(), scores);
        var riskiest = demo.Networked.Endpoints.OrderByDescending(e => (int)e!["risk"]!["score"]!).First()!;
        Assert.Equal((string)riskiest["identity"]!, table.Rows[^1]["NAME"]);
        Assert.Equal((string)riskiest["path"]!, table.Rows[^1]["PATH"]);
        Assert.Equal((string)riskiest["risk"]!["level"]!, table.Rows[^1]["RISK"]);
    }

    [Fact]
    public void A_label_selector_picks_the_high_risk_and_the_sensitive_endpoints()
    {
        var high = Table.Parse(Run("get", Resource, "-A", "-l", $"{ApiSentinelLabels.Risk}=high"));
        var expectedHigh = demo.Networked.Endpoints.Where(e => (string)e!["risk"]!["level"]! == "high").Select(e => (string)e!["identity"]!).Order(StringComparer.Ordinal);
        Assert.Equal(expectedHigh, high.Rows.Select(row => row["NAME"]).Order(StringComparer.Ordinal));

        var sensitive = Table.Parse(Run("get", Resource, "-n", FakeCluster.ShopNamespace, "-l", $"{ApiSentinelLabels.Sensitive}=true"));
        var expectedSensitive = demo.Networked.Endpoints.Where(e => (e!["sensitiveData"] as JsonArray ?? []).Count > 0).Select(e => (string)e!["identity"]!).Order(StringComparer.Ordinal);
        Assert.Equal(expectedSensitive, sensitive.Rows.Select(row => row["NAME"]).Order(StringComparer.Ordinal));
        Assert.NotEmpty(sensitive.Rows);
        Assert.True(sensitive.Rows.Count < demo.Networked.Endpoints.Count, "every endpoint is sensitive: the selector selected nothing");
    }

    [Fact]
    public void Wide_output_adds_the_secondary_columns_of_the_crd()
    {
        var columns = PrinterColumns();
        var plain = Table.Parse(Run("get", Resource, "-n", FakeCluster.ShopNamespace));
        var wide = Table.Parse(Run("get", Resource, "-n", FakeCluster.ShopNamespace, "-o", "wide"));

        var secondary = columns.Where(c => c.Priority > 0).Select(c => c.Header).ToList();
        Assert.NotEmpty(secondary);
        Assert.All(columns.Where(c => c.Priority == 0), c => Assert.Contains(c.Header, plain.Header));
        Assert.All(secondary, header => Assert.DoesNotContain(header, plain.Header));
        Assert.All(columns, c => Assert.Contains(c.Header, wide.Header));
        Assert.Equal(plain.Rows.Count, wide.Rows.Count);
    }

    [Fact]
    public void Describe_shows_the_identity_labels_and_every_risk_factor_with_its_evidence()
    {
        var riskiest = demo.Networked.Endpoints.OrderByDescending(e => (int)e!["risk"]!["score"]!).First()!;
        string text = Run("describe", "apiendpoint", (string)riskiest["identity"]!, "-n", FakeCluster.ShopNamespace);

        Assert.Contains($"Name:         {(string)riskiest["identity"]!}", text, StringComparison.Ordinal);
        Assert.Contains($"Namespace:    {FakeCluster.ShopNamespace}", text, StringComparison.Ordinal);
        Assert.Contains($"{ApiSentinelLabels.Risk}={(string)riskiest["risk"]!["level"]!}", text, StringComparison.Ordinal);
        Assert.Contains($"Path:", text, StringComparison.Ordinal);
        Assert.Contains((string)riskiest["path"]!, text, StringComparison.Ordinal);
        Assert.Contains($"Score:", text, StringComparison.Ordinal);
        foreach (var factor in (riskiest["risk"]!["factors"] as JsonArray)!)
        {
            Assert.Contains((string)factor!["name"]!, text, StringComparison.Ordinal);
        }
        Assert.Contains("Events:", text, StringComparison.Ordinal);
        // describe selects Events by the object's uid too: the collector's must carry the uid the server gave it.
        Assert.Equal("high", (string)riskiest["risk"]!["level"]!);
        Assert.Contains("HighRiskEndpoint", text[text.IndexOf("Events:", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_documents_the_risk_status()
    {
        string text = Run("explain", "apiendpoint.status.risk");

        Assert.Contains("KIND:       ApiEndpoint", text, StringComparison.Ordinal);
        Assert.Contains($"GROUP:      {ApiSentinelApi.Group}", text, StringComparison.Ordinal);
        Assert.Contains("FIELDS:", text, StringComparison.Ordinal);
        foreach (string field in new[] { "score", "level", "factors" })
        {
            Assert.Matches($"(?m)^  {field}\\s", text);
        }
        // The CRD's own description of the field, not an empty one.
        string description = (string)RiskSchema()["description"]!;
        Assert.Contains(description.Split(' ').Take(4).Aggregate((a, b) => a + " " + b), text, StringComparison.Ordinal);
    }

    private string Run(params string[] arguments)
    {
        string stdout = demo.Stack.Cluster.Kubectl.Ok(arguments);
        output.WriteLine($"$ kubectl {string.Join(' ', arguments)}\n{stdout}");
        return stdout;
    }

    private sealed record Column(string Header, int Priority);

    /// <summary>The ApiEndpoint CRD as the server registered it from <c>crds/</c>.</summary>
    private JsonObject Crd() =>
        demo.Stack.Cluster.Server.Get("apiextensions.k8s.io/v1", "customresourcedefinitions", null,
            $"{V1Alpha1ApiEndpoint.KubePluralName}.{ApiSentinelApi.Group}") ?? throw new InvalidOperationException("the ApiEndpoint CRD is not registered");

    private JsonObject ServedVersion() =>
        Crd()["spec"]!["versions"]!.AsArray().OfType<JsonObject>().Single(v => (string?)v["name"] == ApiSentinelApi.Version);

    private List<Column> PrinterColumns() =>
        [.. ServedVersion()["additionalPrinterColumns"]!.AsArray().OfType<JsonObject>()
            .Select(c => new Column(((string)c["name"]!).ToUpperInvariant(), (int?)c["priority"] ?? 0))];

    private JsonObject RiskSchema() =>
        (JsonObject)ServedVersion()["schema"]!["openAPIV3Schema"]!["properties"]!["status"]!["properties"]!["risk"]!;
}
