using System.Net;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Server;

public sealed class ValidationTests
{
    [Fact]
    public async Task A_custom_resource_out_of_its_schema_is_422_Invalid_with_one_cause_per_field()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var widget = Api.Widget("w", size: 150);
        widget["spec"]!["shape"] = "hexagon";

        var (code, status) = await api.PostAsync(Api.Widgets, widget);

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        Assert.StartsWith("Widget.test.apisentinel.io \"w\" is invalid: ", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var causes = status["details"]!["causes"]!.AsArray();
        Assert.Contains(causes, c => c!["field"]!.GetValue<string>() == "spec.size" && c["reason"]!.GetValue<string>() == "FieldValueInvalid");
        Assert.Contains(causes, c => c!["field"]!.GetValue<string>() == "spec.shape" && c["reason"]!.GetValue<string>() == "FieldValueNotSupported");
        Assert.Null(server.Get(TestCrds.ApiVersion, TestCrds.Widgets, "default", "w"));
    }

    [Fact]
    public async Task Defaults_are_applied_and_unknown_fields_pruned_on_every_write()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var widget = Api.Widget("w");
        widget["spec"]!["unknown"] = "dropped";

        var (_, created) = await api.PostAsync(Api.Widgets, widget);

        Assert.Equal("round", created["spec"]!["shape"]!.GetValue<string>());
        Assert.Null(created["spec"]!["unknown"]);
    }

    [Fact]
    public async Task CEL_rules_of_the_schema_fail_patches_and_applies_too()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("w"));

        var (patched, status) = await api.PatchAsync($"{Api.Widgets}/w", """{"spec":{"tags":["a","b","c","d"]}}""", "application/merge-patch+json");
        var config = Api.Widget("w");
        config["spec"]!["tags"] = new JsonArray("a", "b", "c", "d");
        var (applied, _) = await api.ApplyAsync($"{Api.Widgets}/w", config, "sink");

        Assert.Equal((HttpStatusCode)422, patched);
        Assert.Contains("at most three tags", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)422, applied);
        Assert.Null(server.Get(TestCrds.ApiVersion, TestCrds.Widgets, "default", "w")!["spec"]!["tags"]);
    }

    [Fact]
    public async Task The_repository_CRDs_register_and_serve_their_kinds()
    {
        await using var server = await FakeKubeApiServer.StartAsync();

        await server.RegisterCrdsFromDirectoryAsync(RepositoryCrds());

        foreach (var plural in new[] { "apiendpoints", "apispecs", "defenders" })
        {
            var type = Assert.Single(server.Types.All, t => t.Group == "apisentinel.io" && t.Plural == plural);
            Assert.True(type.HasStatus);
            Assert.NotNull(type.Schema);
            Assert.Contains("apisentinel", type.Categories);
        }
    }

    [Fact]
    public async Task An_ApiEndpoint_keeps_its_metadata_through_create_and_status_writes()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        await server.RegisterCrdsFromDirectoryAsync(RepositoryCrds());
        using var api = new Api(server);
        const string Endpoints = "/apis/apisentinel.io/v1alpha1/namespaces/default/apiendpoints";
        var endpoint = new JsonObject
        {
            ["apiVersion"] = "apisentinel.io/v1alpha1",
            ["kind"] = "ApiEndpoint",
            ["metadata"] = new JsonObject { ["name"] = "e1", ["labels"] = new JsonObject { ["apisentinel.io/risk"] = "low" } },
            ["spec"] = new JsonObject { ["host"] = "shop.example", ["method"] = "GET", ["path"] = "/users/{id}" },
        };

        var (created, _) = await api.ApplyAsync($"{Endpoints}/e1", endpoint, "sink");
        var (patched, body) = await api.PatchAsync($"{Endpoints}/e1/status", """{"status":{"state":"active"}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal("e1", body["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("low", body["metadata"]!["labels"]!["apisentinel.io/risk"]!.GetValue<string>());
        Assert.NotNull(body["metadata"]!["uid"]);
        Assert.Equal("active", body["status"]!["state"]!.GetValue<string>());
    }

    private static string RepositoryCrds()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ApiSentinel.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir!.FullName, "crds");
    }
}
