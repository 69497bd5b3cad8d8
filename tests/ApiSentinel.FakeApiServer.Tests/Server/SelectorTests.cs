using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Selectors;

namespace ApiSentinel.FakeApiServer.Tests.Server;

public sealed class SelectorTests
{
    private static readonly JsonObject Labelled = Api.ConfigMap("x", new() { ["risk"] = "high", ["shadow"] = "true" });

    [Theory]
    [InlineData("risk=high", true)]
    [InlineData("risk==high", true)]
    [InlineData("risk!=high", false)]
    [InlineData("risk!=low", true)]
    [InlineData("absent!=x", true)]
    [InlineData("risk in (high,critical)", true)]
    [InlineData("risk notin (high)", false)]
    [InlineData("absent notin (x)", true)]
    [InlineData("shadow", true)]
    [InlineData("!shadow", false)]
    [InlineData("!absent", true)]
    [InlineData("risk=high,shadow=false", false)]
    [InlineData("risk in (low, high),shadow", true)]
    [InlineData("", true)]
    public void Label_selectors_match_as_kube_does(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Labelled));

    [Theory]
    [InlineData("risk in high")]
    [InlineData("=high")]
    [InlineData("risk=high=x")]
    public void A_malformed_label_selector_is_a_400(string selector)
    {
        var e = Assert.Throws<KubeStatusException>(() => LabelSelector.Parse(selector));
        Assert.Equal(400, e.Code);
    }

    [Fact]
    public async Task Lists_filter_by_labels_and_by_dotted_fields()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("a", new() { ["risk"] = "high" }));
        await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("b", new() { ["risk"] = "low" }));
        await api.PostAsync("/api/v1/namespaces/default/events", Event("e1", "a"));
        await api.PostAsync("/api/v1/namespaces/default/events", Event("e2", "b"));

        var (_, high) = await api.GetAsync($"{Api.ConfigMaps}?labelSelector=risk%3Dhigh");
        var (_, byName) = await api.GetAsync($"{Api.ConfigMaps}?fieldSelector=metadata.name%3Db");
        var (_, events) = await api.GetAsync("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Da,involvedObject.kind%3DWidget");
        var (_, everywhere) = await api.GetAsync("/api/v1/configmaps?labelSelector=risk");

        Assert.Equal(["a"], Names(high));
        Assert.Equal(["b"], Names(byName));
        Assert.Equal(["e1"], Names(events));
        Assert.Equal(["a", "b"], Names(everywhere));
    }

    [Fact]
    public async Task Limit_and_continue_page_through_a_list()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        foreach (var name in new[] { "c", "a", "e", "b", "d" })
        {
            await api.PostAsync(Api.ConfigMaps, Api.ConfigMap(name));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (_, page) = await api.GetAsync($"{Api.ConfigMaps}?limit=2{(token is null ? "" : $"&continue={token}")}");
            seen.AddRange(Names(page));
            token = page["metadata"]!["continue"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        Assert.Equal(["a", "b", "c", "d", "e"], seen);
        Assert.Equal(3, pages);
    }

    private static List<string> Names(JsonObject list) =>
        [.. list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())];

    private static JsonObject Event(string name, string involved) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["involvedObject"] = new JsonObject { ["kind"] = "Widget", ["name"] = involved, ["namespace"] = "default" },
        ["reason"] = "Tested",
        ["message"] = "a test event",
    };
}
