using System.Net;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Server;

public sealed class CrdRegistrationTests
{
    private const string Crds = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    [Fact]
    public async Task A_created_CRD_is_established_and_its_served_versions_appear_in_discovery()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;

        var (_, crd) = await api.GetAsync($"{Crds}/widgets.test.apisentinel.io");
        var (_, resources) = await api.GetAsync("/apis/test.apisentinel.io/v1");

        var conditions = crd["status"]!["conditions"]!.AsArray();
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "Established" && c["status"]!.GetValue<string>() == "True");
        Assert.Equal("v1", crd["status"]!["storedVersions"]![0]!.GetValue<string>());
        var names = resources["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("widgets", names);
        Assert.Contains("widgets/status", names);
        var widget = server.Types.All.Single(t => t.Plural == TestCrds.Widgets);
        Assert.True(widget.HasStatus);
        Assert.Equal(["wd"], widget.ShortNames);
        Assert.NotNull(widget.Schema);
    }

    [Fact]
    public async Task Updating_a_CRD_serves_exactly_its_served_versions_sharing_one_storage()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("w"));
        var (_, crd) = await api.GetAsync($"{Crds}/widgets.test.apisentinel.io");
        var versions = crd["spec"]!["versions"]!.AsArray();
        var v2 = versions[0]!.DeepClone().AsObject();
        v2["name"] = "v2";
        v2["storage"] = false;
        versions.Add(v2);

        var (code, _) = await api.PutAsync($"{Crds}/widgets.test.apisentinel.io", crd);
        var (_, throughV2) = await api.GetAsync("/apis/test.apisentinel.io/v2/namespaces/default/widgets/w");
        v2["served"] = false;
        crd.Remove("status");
        var (_, current) = await api.GetAsync($"{Crds}/widgets.test.apisentinel.io");
        crd["metadata"]!["resourceVersion"] = current["metadata"]!["resourceVersion"]!.DeepClone();
        await api.PutAsync($"{Crds}/widgets.test.apisentinel.io", crd);
        var (notServed, _) = await api.GetAsync("/apis/test.apisentinel.io/v2/namespaces/default/widgets/w");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("test.apisentinel.io/v2", throughV2["apiVersion"]!.GetValue<string>());
        Assert.Equal(1, throughV2["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, notServed);
    }

    [Fact]
    public async Task A_CRD_whose_name_is_not_plural_dot_group_is_invalid()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var crd = new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = "wrong.example.com" },
            ["spec"] = new JsonObject
            {
                ["group"] = "example.com",
                ["scope"] = "Namespaced",
                ["names"] = new JsonObject { ["kind"] = "Thing", ["plural"] = "things" },
                ["versions"] = new JsonArray(new JsonObject { ["name"] = "v1", ["served"] = true, ["storage"] = true }),
            },
        };

        var (code, status) = await api.PostAsync(Crds, crd);

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("metadata.name", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
        Assert.DoesNotContain(server.Types.All, t => t.Plural == "things");
    }
}
