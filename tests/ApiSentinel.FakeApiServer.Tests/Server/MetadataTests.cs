using System.Net;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Server;

public sealed class MetadataTests
{
    [Fact]
    public async Task Create_sets_uid_timestamp_generation_and_a_global_resource_version()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;

        var (code, cm) = await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("a"));
        var (_, widget) = await api.PostAsync(Api.Widgets, Api.Widget("w"));

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.True(Guid.TryParse(cm["metadata"]!["uid"]!.GetValue<string>(), out var uid) && uid != Guid.Empty);
        Assert.NotNull(cm["metadata"]!["creationTimestamp"]);
        Assert.Equal(1, Api.Generation(widget));
        // One counter across kinds, as etcd's revision.
        Assert.True(long.Parse(Api.Rv(widget)) > long.Parse(Api.Rv(cm)));
        Assert.Equal("default", cm["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_second_create_is_409_AlreadyExists_as_a_Status()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("w"));

        var (code, status) = await api.PostAsync(Api.Widgets, Api.Widget("w"));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal("AlreadyExists", status["reason"]!.GetValue<string>());
        Assert.Equal("widgets.test.apisentinel.io \"w\" already exists", status["message"]!.GetValue<string>());
        Assert.Equal(409, status["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task GenerateName_makes_a_unique_name_with_the_prefix()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var body = Api.ConfigMap("ignored");
        body["metadata"] = new JsonObject { ["generateName"] = "gen-" };

        var (_, first) = await api.PostAsync(Api.ConfigMaps, body);
        var (_, second) = await api.PostAsync(Api.ConfigMaps, body);

        var a = first["metadata"]!["name"]!.GetValue<string>();
        var b = second["metadata"]!["name"]!.GetValue<string>();
        Assert.StartsWith("gen-", a, StringComparison.Ordinal);
        Assert.Equal("gen-".Length + 5, a.Length);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_is_404_and_a_bad_name_is_422()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;

        var (missing, status) = await api.PostAsync("/api/v1/namespaces/nowhere/configmaps", Api.ConfigMap("a"));
        var (invalid, invalidStatus) = await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("Not_A_Name"));

        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("namespaces \"nowhere\" not found", status["message"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode)422, invalid);
        Assert.Equal("Invalid", invalidStatus["reason"]!.GetValue<string>());
        Assert.Equal("metadata.name", invalidStatus["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_paths_and_kinds_are_404_Status_objects()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;

        var (code, status) = await api.GetAsync("/apis/nothing.example/v1/namespaces/default/things");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("NotFound", status["reason"]!.GetValue<string>());
    }
}
