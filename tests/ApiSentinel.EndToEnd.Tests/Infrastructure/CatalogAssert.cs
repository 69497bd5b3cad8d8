using System.Text.Json.Nodes;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>Assertions on catalog documents that name what differs.</summary>
internal static class CatalogAssert
{
    /// <summary>Each expected endpoint is in <paramref name="catalog"/> with its calls, auth kinds and sensitive types.</summary>
    public static void HasEndpoints(CatalogDocument catalog, string host, IReadOnlyList<ExpectedEndpoint> endpoints)
    {
        foreach (var expected in endpoints)
        {
            var endpoint = catalog.Find(expected.Method, expected.Path, host);
            Assert.True(endpoint is not null, $"{expected.Method} {host} {expected.Path} missing; catalog:\n{catalog.Summary}");
            Assert.True(expected.Requests == endpoint["requests"]!.GetValue<int>(), $"{expected.Method} {expected.Path}: {endpoint["requests"]} requests, expected {expected.Requests}");
            var schemes = endpoint["auth"]!["schemes"]!.AsObject().ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<int>());
            Assert.Equal(expected.Auth.ToDictionary(auth => auth.Kind, auth => auth.Calls), schemes);
            Assert.Equal(expected.SensitiveTypes.Order(), SensitiveTypes(endpoint));
        }
    }

    /// <summary>The sensitive-data types of an endpoint, distinct and sorted.</summary>
    public static IReadOnlyList<string> SensitiveTypes(JsonObject endpoint) =>
        (endpoint["sensitiveData"] as JsonArray ?? []).Select(item => (string)item!["type"]!).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Two JSON values are equal; otherwise fails naming the first differing path and both values there (a whole
    /// catalog dump is unreadable in a test log).
    /// </summary>
    public static void JsonEqual(JsonNode? expected, JsonNode? actual, string what)
    {
        string? difference = FirstDifference(expected, actual, "$");
        Assert.True(difference is null, $"{what} differ at {difference}");
    }

    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (string key in e.Select(pair => pair.Key).Union(a.Select(pair => pair.Key)))
                {
                    if (!e.ContainsKey(key) || !a.ContainsKey(key))
                    {
                        return $"{path}.{key}: present only in {(e.ContainsKey(key) ? "the expected" : "the actual")} document";
                    }
                    if (FirstDifference(e[key], a[key], $"{path}.{key}") is string inner)
                    {
                        return inner;
                    }
                }
                return null;
            case (JsonArray e, JsonArray a):
                for (int i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    if (FirstDifference(e[i], a[i], $"{path}[{i}]") is string inner)
                    {
                        return inner;
                    }
                }
                return e.Count == a.Count ? null : $"{path}: {e.Count} elements expected, {a.Count} actual";
            default:
                return JsonNode.DeepEquals(expected, actual)
                    ? null
                    : $"{path}: expected {expected?.ToJsonString() ?? "null"}, actual {actual?.ToJsonString() ?? "null"}";
        }
    }
}
