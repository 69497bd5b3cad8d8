using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Discovery;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

public sealed class DiscoveryDocumentsTests
{
    [Fact]
    public void Api_lists_the_core_version_and_the_address_clients_reach()
    {
        var api = DiscoveryDocuments.Api("127.0.0.1:6443");

        Assert.Equal("APIVersions", (string?)api["kind"]);
        Assert.Equal(["v1"], api["versions"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("127.0.0.1:6443", (string?)api["serverAddressByClientCIDRs"]![0]!["serverAddress"]);
    }

    [Fact]
    public void Apis_lists_named_groups_only_with_the_highest_priority_version_preferred()
    {
        var apis = DiscoveryDocuments.Apis(TestKinds.All());

        Assert.Equal("APIGroupList", (string?)apis["kind"]);
        var group = Assert.Single(apis["groups"]!.AsArray())!;
        Assert.Equal(TestKinds.Group, (string?)group["name"]);
        Assert.Equal(["v1", "v1beta2", "v1alpha1"], group["versions"]!.AsArray().Select(v => (string?)v!["version"]));
        Assert.Equal($"{TestKinds.Group}/v1", (string?)group["preferredVersion"]!["groupVersion"]);
    }

    [Fact]
    public void Group_is_null_for_a_group_not_served_and_for_the_core_group()
    {
        Assert.Null(DiscoveryDocuments.Group(TestKinds.All(), "nope.example.com"));
        Assert.Null(DiscoveryDocuments.Group(TestKinds.All(), ""));
        var group = DiscoveryDocuments.Group(TestKinds.All(), TestKinds.Group)!;
        Assert.Equal("APIGroup", (string?)group["kind"]);
        Assert.Equal("v1", (string?)group["preferredVersion"]!["version"]);
    }

    [Fact]
    public void GroupVersion_lists_verbs_short_names_categories_and_the_status_subresource()
    {
        var list = DiscoveryDocuments.GroupVersion(TestKinds.All(), TestKinds.Group, "v1")!;

        Assert.Equal("APIResourceList", (string?)list["kind"]);
        Assert.Equal($"{TestKinds.Group}/v1", (string?)list["groupVersion"]);
        var resources = list["resources"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(["widgets", "widgets/status"], resources.Select(r => (string?)r["name"]));
        var widgets = resources[0];
        Assert.Equal("widget", (string?)widgets["singularName"]);
        Assert.Equal("Widget", (string?)widgets["kind"]);
        Assert.True((bool)widgets["namespaced"]!);
        Assert.Equal(["wd", "wdg"], Strings(widgets["shortNames"]));
        Assert.Equal(["testing"], Strings(widgets["categories"]));
        Assert.Equal(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], Strings(widgets["verbs"]).Order(StringComparer.Ordinal));
        Assert.Equal(["get", "patch", "update"], Strings(resources[1]["verbs"]));
    }

    [Fact]
    public void GroupVersion_of_the_core_group_omits_empty_lists_and_status_when_absent()
    {
        var list = DiscoveryDocuments.GroupVersion(TestKinds.All(), "", "v1")!;

        Assert.Equal("v1", (string?)list["groupVersion"]);
        var names = list["resources"]!.AsArray().Select(r => (string?)r!["name"]).ToList();
        Assert.Equal(["namespaces", "namespaces/status", "configmaps"], names);
        var configMaps = list["resources"]!.AsArray()[2]!.AsObject();
        Assert.False(configMaps.ContainsKey("categories"));
        Assert.True((bool)configMaps["namespaced"]!);
    }

    [Fact]
    public void GroupVersion_is_null_when_the_version_is_not_served()
    {
        Assert.Null(DiscoveryDocuments.GroupVersion(TestKinds.All(), TestKinds.Group, "v2"));
        Assert.Null(DiscoveryDocuments.GroupVersion(TestKinds.All(), "nope.example.com", "v1"));
    }

    [Theory]
    [InlineData(new[] { "v1alpha1", "v2", "v1", "v11beta1", "v1beta2", "v1beta1", "foo", "bar", "v10" },
        new[] { "v10", "v2", "v1", "v11beta1", "v1beta2", "v1beta1", "v1alpha1", "bar", "foo" })]
    public void Versions_are_ordered_as_kubernetes_orders_them(string[] given, string[] expected)
    {
        Assert.Equal(expected, given.Order(KubeVersionOrder.Instance));
    }

    private static IEnumerable<string?> Strings(JsonNode? node) => node!.AsArray().Select(n => (string?)n);
}
