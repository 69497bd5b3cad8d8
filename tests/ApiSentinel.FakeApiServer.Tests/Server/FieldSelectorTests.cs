using System.Net;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.BuiltIns;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Resources;
using ApiSentinel.FakeApiServer.Selectors;

namespace ApiSentinel.FakeApiServer.Tests.Server;

/// <summary>Field selectors accept the labels each kind declares, and nothing else, as kube does.</summary>
public sealed class FieldSelectorTests
{
    private static ResourceType BuiltIn(string group, string plural) => BuiltInTypes.All.Single(t => t.Group == group && t.Plural == plural);

    [Theory]
    [InlineData("", "configmaps", "metadata.name=a")]
    [InlineData("", "configmaps", "metadata.namespace!=default")]
    [InlineData("", "pods", "spec.nodeName=n1,status.phase=Running")]
    [InlineData("", "services", "spec.type=ClusterIP,spec.clusterIP=None")]
    [InlineData("", "secrets", "type=kubernetes.io/tls")]
    [InlineData("", "events", "involvedObject.uid=u,reason=R,reportingComponent=c,source=s,type=Warning")]
    [InlineData("events.k8s.io", "events", "involvedObject.name=w")]
    public void Declared_labels_are_accepted(string group, string plural, string selector) =>
        Assert.Null(Record.Exception(() => FieldSelector.Parse(selector, BuiltIn(group, plural))));

    [Theory]
    [InlineData("", "configmaps", "data.k=v", "data.k")]
    [InlineData("", "secrets", "metadata.name=a,spec.type=x", "spec.type")]
    [InlineData("", "pods", "spec.containers=x", "spec.containers")]
    [InlineData("", "events", "message=x", "message")]
    public void Other_labels_are_a_400_naming_the_label(string group, string plural, string selector, string label)
    {
        var e = Assert.Throws<KubeStatusException>(() => FieldSelector.Parse(selector, BuiltIn(group, plural)));

        Assert.Equal(400, e.Code);
        Assert.Equal($"field label not supported: {label}", e.Status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_custom_resource_list_or_watch_by_a_spec_field_is_a_400()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;

        var (listed, status) = await api.GetAsync($"{Api.Widgets}?fieldSelector=spec.size%3D1");
        var (watched, _) = await api.GetAsync($"{Api.Widgets}?watch=1&fieldSelector=spec.size%3D1");

        Assert.Equal(HttpStatusCode.BadRequest, listed);
        Assert.Equal("BadRequest", status["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, watched);
    }

    [Fact]
    public async Task The_event_source_label_reads_the_source_component_in_both_apis()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync("/api/v1/namespaces/default/events", CoreEvent("old", "kubelet"));
        await api.PostAsync("/api/v1/namespaces/default/events", CoreEvent("other", "scheduler"));

        var (_, fromKubelet) = await api.GetAsync("/api/v1/namespaces/default/events?fieldSelector=source%3Dkubelet");

        Assert.Equal(["old"], fromKubelet["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Events_k8s_io_involved_object_labels_read_regarding()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var ev = new JsonObject
        {
            ["apiVersion"] = "events.k8s.io/v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = "e" },
            ["regarding"] = new JsonObject { ["kind"] = "Widget", ["name"] = "w", ["namespace"] = "default" },
            ["eventTime"] = "2026-01-02T03:04:05.000000Z",
            ["reportingController"] = "apisentinel.io/collector",
            ["reportingInstance"] = "collector-0",
            ["action"] = "Scored",
            ["reason"] = "Tested",
            ["type"] = "Normal",
        };
        await api.PostAsync("/apis/events.k8s.io/v1/namespaces/default/events", ev);

        var (_, hit) = await api.GetAsync("/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dw,reportingComponent%3Dapisentinel.io/collector");
        var (_, miss) = await api.GetAsync("/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dother");

        Assert.Single(hit["items"]!.AsArray());
        Assert.Empty(miss["items"]!.AsArray());
    }

    private static JsonObject CoreEvent(string name, string component) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["involvedObject"] = new JsonObject { ["kind"] = "Widget", ["name"] = "w", ["namespace"] = "default" },
        ["reason"] = "Tested",
        ["source"] = new JsonObject { ["component"] = component },
    };
}
