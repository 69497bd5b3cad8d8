using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

/// <summary>The real kubectl against the fake API server with a test CRD: what a person types, and what they see.</summary>
public sealed class KubectlWidgetTests(WidgetServerFixture fixture) : IClassFixture<WidgetServerFixture>, IDisposable
{
    private readonly KubectlRunner _kubectl = new(fixture.Kubeconfig);

    [Fact]
    public async Task Api_resources_lists_the_crd_with_short_name_group_version_scope_and_kind()
    {
        var lines = (await _kubectl.RunAsync("api-resources")).Lines();

        Assert.Equal(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], Words(lines[0]));
        Assert.Contains(["widgets", "wd", "widgets.example.com/v1", "true", "Widget"], lines.Select(Words));
        Assert.Contains(["namespaces", "ns", "v1", "false", "Namespace"], lines.Select(Words));
        Assert.DoesNotContain(lines, l => l.StartsWith("widgets/status", StringComparison.Ordinal));
        // kubectl asked for aggregated discovery, got plain documents, and fell back to one request per group version.
        Assert.Contains(fixture.Server.Requests.All, r => r.Path == "/apis" && r.Status == 200);
        Assert.Contains(fixture.Server.Requests.All, r => r.Path == "/apis/widgets.example.com/v1" && r.Status == 200);
    }

    [Fact]
    public async Task Get_across_namespaces_prints_the_printer_columns_without_priority_ones()
    {
        var lines = (await _kubectl.RunAsync("get", "widgets", "-A")).Lines();

        Assert.Equal(["NAMESPACE", "NAME", "COLOR", "SCORE", "AGE"], Words(lines[0]));
        var rows = lines.Skip(1).Select(Words).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Take(4).SequenceEqual(["shop", "cart", "red", "72"]));
        Assert.Contains(rows, r => r.Take(4).SequenceEqual(["billing", "invoice", "green", "40"]));
        Assert.All(rows, r => Assert.Equal("0s", r[4]));
    }

    [Fact]
    public async Task Wide_output_adds_the_priority_columns_with_lists_joined()
    {
        var lines = (await _kubectl.RunAsync("get", "wd", "-n", "shop", "-o", "wide")).Lines();

        Assert.Equal(["NAME", "COLOR", "SCORE", "LEVEL", "TAGS", "AGE"], Words(lines[0]));
        Assert.Equal(["cart", "red", "72", "high", "front,red"], Words(lines.Single(l => l.StartsWith("cart", StringComparison.Ordinal))).Take(5));
        Assert.Equal(3, lines.Count);
    }

    [Fact]
    public async Task Sort_by_a_status_field_orders_the_rows_by_it()
    {
        var lines = (await _kubectl.RunAsync("get", "widgets", "-A", "--sort-by=.status.risk.score")).Lines();

        Assert.Equal(["basket", "invoice", "cart"], lines.Skip(1).Select(l => Words(l)[1]));
    }

    [Fact]
    public async Task A_label_selector_filters_on_the_server()
    {
        var lines = (await _kubectl.RunAsync("get", "widgets", "-A", "-l", "tier=back")).Lines();

        Assert.Equal(["basket", "invoice"], lines.Skip(1).Select(l => Words(l)[1]).Order(StringComparer.Ordinal));
        var none = await _kubectl.RunAsync("get", "widgets", "-A", "-l", "tier=nowhere");
        Assert.Equal("", none.Succeeded());
        Assert.Contains("No resources found", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_category_lists_the_kinds_in_it()
    {
        var lines = (await _kubectl.RunAsync("get", "testing", "-n", "shop")).Lines();

        // One kind in the category: kubectl prints its table as for the kind itself (no kind/ prefix on names).
        Assert.Equal(["NAME", "COLOR", "SCORE", "AGE"], Words(lines[0]));
        Assert.Equal(["basket", "cart"], lines.Skip(1).Select(l => Words(l)[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Yaml_output_is_the_stored_object_with_its_status()
    {
        var yaml = (await _kubectl.RunAsync("get", "widget", "invoice", "-n", "billing", "-o", "yaml")).Succeeded();

        Assert.Contains("kind: Widget", yaml, StringComparison.Ordinal);
        Assert.Contains("color: green", yaml, StringComparison.Ordinal);
        Assert.Contains("score: 40", yaml, StringComparison.Ordinal);
        Assert.Contains("level: medium", yaml, StringComparison.Ordinal);
        Assert.Contains("resourceVersion:", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_prints_the_schema_descriptions_down_to_a_nested_field()
    {
        var risk = (await _kubectl.RunAsync("explain", "widget.status.risk")).Succeeded();

        Assert.Contains("GROUP:      widgets.example.com", risk, StringComparison.Ordinal);
        Assert.Contains("KIND:       Widget", risk, StringComparison.Ordinal);
        Assert.Contains("How risky the widget is, scored from its factors.", risk, StringComparison.Ordinal);
        Assert.Matches(@"score\s+<integer>\s+The risk score, 0 to 100\.", risk);
        Assert.Matches(@"level\s+<string>\s+The risk level derived from the score\.", risk);

        var top = (await _kubectl.RunAsync("explain", "wd")).Succeeded();
        Assert.Contains("A widget the kubectl tests print.", top, StringComparison.Ordinal);
        Assert.Matches(@"metadata\s+<ObjectMeta>", top);
        Assert.Contains("labels", (await _kubectl.RunAsync("explain", "widgets.metadata")).Succeeded(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_prints_the_fields_and_the_events_of_the_object()
    {
        var cart = fixture.Server.Get("widgets.example.com/v1", "widgets", "shop", "cart")!;
        await fixture.Server.ApplyManifestAsync($"""
            apiVersion: v1
            kind: Event
            metadata:
              name: cart.kubectl-test
              namespace: shop
            involvedObject:
              apiVersion: widgets.example.com/v1
              kind: Widget
              name: cart
              namespace: shop
              uid: {(string)cart["metadata"]!["uid"]!}
            reason: ShadowEndpoint
            message: cart is served but not in any published spec
            type: Warning
            count: 1
            source:
              component: kubectl-test
            firstTimestamp: "{fixture.Time.GetUtcNow().AddMinutes(-2):yyyy-MM-ddTHH:mm:ssZ}"
            lastTimestamp: "{fixture.Time.GetUtcNow().AddMinutes(-2):yyyy-MM-ddTHH:mm:ssZ}"
            """);

        var text = (await _kubectl.RunAsync("describe", "widget", "cart", "-n", "shop")).Succeeded();

        Assert.Matches(@"Name:\s+cart", text);
        Assert.Matches(@"Namespace:\s+shop", text);
        Assert.Matches(@"Labels:\s+tier=front", text);
        Assert.Matches(@"Color:\s+red", text);
        Assert.Matches(@"Score:\s+72", text);
        // describe measures the event's age itself, by the machine's clock: the age is not asserted.
        var events = text[text.IndexOf("Events:", StringComparison.Ordinal)..];
        Assert.Matches(@"Warning\s+ShadowEndpoint\s+\S+\s+kubectl-test\s+cart is served but not in any published spec", events);

        var basket = (await _kubectl.RunAsync("describe", "widget", "basket", "-n", "shop")).Succeeded();
        Assert.Contains("Events:", basket, StringComparison.Ordinal);
        Assert.DoesNotContain("ShadowEndpoint", basket, StringComparison.Ordinal);
    }

    public void Dispose() => _kubectl.Dispose();

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
