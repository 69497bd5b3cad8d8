using System.Net;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Server;

public sealed class DeletionTests
{
    [Fact]
    public async Task Finalizers_hold_the_object_with_a_deletion_timestamp_until_they_are_removed()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var widget = Api.Widget("w");
        widget["metadata"]!["finalizers"] = new JsonArray("test.apisentinel.io/cleanup");
        await api.PostAsync(Api.Widgets, widget);

        var (code, marked) = await api.DeleteAsync($"{Api.Widgets}/w");
        var (stillThere, held) = await api.GetAsync($"{Api.Widgets}/w");
        var (refused, _) = await api.PatchAsync($"{Api.Widgets}/w", """{"metadata":{"finalizers":["test.apisentinel.io/cleanup","another"]}}""", "application/merge-patch+json");
        await api.PatchAsync($"{Api.Widgets}/w", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        var (gone, _) = await api.GetAsync($"{Api.Widgets}/w");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.NotNull(marked["metadata"]!["deletionTimestamp"]);
        Assert.Equal(HttpStatusCode.OK, stillThere);
        Assert.NotNull(held["metadata"]!["deletionTimestamp"]);
        Assert.Equal((HttpStatusCode)422, refused);
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?propagationPolicy=Background")]
    [InlineData("?propagationPolicy=Foreground")]
    public async Task Deleting_an_owner_deletes_its_dependents(string query)
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var (_, owner) = await api.PostAsync(Api.Widgets, Api.Widget("owner"));
        var (_, dependent) = await api.PostAsync(Api.ConfigMaps, Owned(Api.ConfigMap("dependent"), owner));
        await api.PostAsync(Api.ConfigMaps, Owned(Api.ConfigMap("grandchild"), dependent));
        await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("bystander"));

        var (code, status) = await api.DeleteAsync($"{Api.Widgets}/owner{query}");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Success", status["status"]!.GetValue<string>());
        Assert.Null(server.Get("v1", "configmaps", "default", "dependent"));
        Assert.Null(server.Get("v1", "configmaps", "default", "grandchild"));
        Assert.NotNull(server.Get("v1", "configmaps", "default", "bystander"));
    }

    [Fact]
    public async Task Delete_collection_removes_only_what_the_selector_matches()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("a", new() { ["tier"] = "web" }));
        await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("b", new() { ["tier"] = "db" }));

        var (code, _) = await api.DeleteAsync($"{Api.ConfigMaps}?labelSelector=tier%3Dweb");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(["b"], server.List("v1", "configmaps", "default").Select(c => c["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Orphan_propagation_keeps_dependents_without_the_owner_reference()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var (_, owner) = await api.PostAsync(Api.Widgets, Api.Widget("owner"));
        await api.PostAsync(Api.ConfigMaps, Owned(Api.ConfigMap("dependent"), owner));

        await api.DeleteAsync($"{Api.Widgets}/owner?propagationPolicy=Orphan");

        var dependent = server.Get("v1", "configmaps", "default", "dependent");
        Assert.NotNull(dependent);
        Assert.Null(dependent["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task A_delete_with_a_stale_precondition_is_409_and_a_missing_object_404()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("a"));

        var (stale, _) = await api.SendAsync(HttpMethod.Delete, $"{Api.ConfigMaps}/a", """{"preconditions":{"resourceVersion":"1"}}""", "application/json");
        var (missing, _) = await api.DeleteAsync($"{Api.ConfigMaps}/nope");

        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.NotNull(server.Get("v1", "configmaps", "default", "a"));
    }

    [Fact]
    public async Task Deleting_a_CRD_stops_serving_its_kind_and_removes_its_objects()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("w"));

        var (code, _) = await api.DeleteAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.test.apisentinel.io");
        var (after, _) = await api.GetAsync(Api.Widgets);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(HttpStatusCode.NotFound, after);
        Assert.DoesNotContain(server.Types.All, t => t.Plural == TestCrds.Widgets);
        await server.ApplyManifestAsync(TestCrds.Yaml);
        Assert.Empty(server.List(TestCrds.ApiVersion, TestCrds.Widgets));
    }

    private static JsonObject Owned(JsonObject dependent, JsonObject owner)
    {
        dependent["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = TestCrds.ApiVersion,
            ["kind"] = "Widget",
            ["name"] = owner["metadata"]!["name"]!.GetValue<string>(),
            ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
        });
        return dependent;
    }
}
