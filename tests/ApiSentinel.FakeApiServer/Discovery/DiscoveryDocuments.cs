using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.Discovery;

/// <summary>
/// The legacy (unaggregated) discovery documents: <c>/api</c>, <c>/apis</c>, <c>/apis/GROUP</c> and each group
/// version's resource list. kubectl 1.32 asks for aggregated discovery first (an Accept of
/// <c>application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList</c> …<c>,application/json</c>); client-go
/// decides by the response's Content-Type, so answering these documents as plain <c>application/json</c> makes it fall
/// back to fetching each group version, which is all this server needs (see the Kubectl tests' request log).
/// </summary>
public static class DiscoveryDocuments
{
    private const string StatusSubresource = "status";

    /// <summary><c>GET /api</c>: the core group's versions.</summary>
    /// <param name="serverAddress">host:port clients reach the server at.</param>
    public static JsonObject Api(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
        {
            ["clientCIDR"] = "0.0.0.0/0",
            ["serverAddress"] = serverAddress,
        }),
    };

    /// <summary><c>GET /apis</c>: every named group (the core group is <c>/api</c>'s), in first-registered order.</summary>
    public static JsonObject Apis(IReadOnlyList<ResourceType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var groups = new JsonArray();
        foreach (var group in types.Select(t => t.Group).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal))
        {
            groups.Add(GroupBody(types, group));
        }
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    /// <summary><c>GET /apis/GROUP</c>; null when no type of that group is served (a 404).</summary>
    public static JsonObject? Group(IReadOnlyList<ResourceType> types, string group)
    {
        ArgumentNullException.ThrowIfNull(types);
        if (string.IsNullOrEmpty(group) || !types.Any(t => t.Group == group))
        {
            return null;
        }
        var body = GroupBody(types, group);
        body["kind"] = "APIGroup";
        body["apiVersion"] = "v1";
        return body;
    }

    /// <summary>
    /// <c>GET /api/v1</c> (group "") or <c>/apis/GROUP/VERSION</c>: the resources with their verbs, short names and
    /// categories (what <c>kubectl api-resources</c>, short names and <c>kubectl get CATEGORY</c> read), and
    /// <c>PLURAL/status</c> for each status subresource. Null when the group version is not served.
    /// </summary>
    public static JsonObject? GroupVersion(IReadOnlyList<ResourceType> types, string group, string version)
    {
        ArgumentNullException.ThrowIfNull(types);
        var served = types.Where(t => t.Group == (group ?? "") && t.Version == version).ToList();
        if (served.Count == 0)
        {
            return null;
        }
        var resources = new JsonArray();
        foreach (var type in served)
        {
            resources.Add(Resource(type));
            if (type.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{type.Plural}/{StatusSubresource}",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = Strings(ApiVerbs.Status),
                });
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = served[0].ApiVersion,
            ["resources"] = resources,
        };
    }

    /// <summary>A group's versions, highest priority first, the first being the preferred one.</summary>
    public static IReadOnlyList<string> VersionsOf(IReadOnlyList<ResourceType> types, string group)
    {
        ArgumentNullException.ThrowIfNull(types);
        return [.. types.Where(t => t.Group == group).Select(t => t.Version).Distinct(StringComparer.Ordinal).Order(KubeVersionOrder.Instance)];
    }

    private static JsonObject GroupBody(IReadOnlyList<ResourceType> types, string group)
    {
        var versions = new JsonArray();
        foreach (var version in VersionsOf(types, group))
        {
            versions.Add(GroupVersionForDiscovery(group, version));
        }
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = versions,
            ["preferredVersion"] = GroupVersionForDiscovery(group, VersionsOf(types, group)[0]),
        };
    }

    private static JsonObject GroupVersionForDiscovery(string group, string version) =>
        new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };

    private static JsonObject Resource(ResourceType type)
    {
        var resource = new JsonObject
        {
            ["name"] = type.Plural,
            ["singularName"] = type.Singular,
            ["namespaced"] = type.Namespaced,
            ["kind"] = type.Kind,
            ["verbs"] = Strings(ApiVerbs.Resource),
        };
        // The real server omits empty lists; kubectl api-resources prints nothing for them either way.
        if (type.ShortNames.Count > 0)
        {
            resource["shortNames"] = Strings(type.ShortNames);
        }
        if (type.Categories.Count > 0)
        {
            resource["categories"] = Strings(type.Categories);
        }
        return resource;
    }

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];
}
