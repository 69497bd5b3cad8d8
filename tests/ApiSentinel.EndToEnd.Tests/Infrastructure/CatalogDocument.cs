using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A catalog as JSON — the document <c>apisentinel analyze --format json</c> prints and
/// <c>GET /api/v1/endpoints</c> serves: <c>{"endpoints":[…], "findings":[…], …}</c>.
/// </summary>
internal sealed class CatalogDocument
{
    private CatalogDocument(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public JsonArray Endpoints => Root["endpoints"] as JsonArray ?? throw new InvalidOperationException("no endpoints array in " + Root.ToJsonString());

    /// <summary>Sum of <c>requests</c> over the endpoints.</summary>
    public long TotalRequests => Endpoints.Sum(endpoint => endpoint!["requests"]!.GetValue<long>());

    /// <summary><c>METHOD host path</c> → requests: what "nothing lost, nothing doubled" compares.</summary>
    public SortedDictionary<string, long> RequestsByEndpoint =>
        new(Endpoints.ToDictionary(Key, endpoint => endpoint!["requests"]!.GetValue<long>()), StringComparer.Ordinal);

    public static CatalogDocument Parse(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new FormatException("a catalog document is a JSON object: " + json));

    /// <summary>The endpoint with this method and path template (and host, if given), or null.</summary>
    public JsonObject? Find(string method, string path, string? host = null) =>
        Endpoints.OfType<JsonObject>().SingleOrDefault(endpoint =>
            (string?)endpoint["method"] == method && (string?)endpoint["path"] == path && (host is null || (string?)endpoint["host"] == host));

    /// <summary>Every endpoint's <c>METHOD host path</c>, sorted: for failure messages.</summary>
    public string Summary => string.Join("\n", RequestsByEndpoint.Select(pair => $"{pair.Key} ×{pair.Value}"));

    /// <summary>The auth scheme kinds seen on an endpoint (<c>auth.schemes</c> keys).</summary>
    public static IReadOnlyList<string> AuthSchemes(JsonObject endpoint) =>
        (endpoint["auth"]?["schemes"] as JsonObject)?.Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList() ?? [];

    public string ToJson() => Root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public override string ToString() => Summary;

    private static string Key(JsonNode? endpoint) => $"{endpoint!["method"]} {endpoint["host"]} {endpoint["path"]}";
}
