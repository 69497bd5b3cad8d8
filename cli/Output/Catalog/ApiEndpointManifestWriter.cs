using System.Text.Json;
using System.Text.Json.Nodes;
using ApiSentinel.Cli.Output.Yaml;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Collector.Reports;

namespace ApiSentinel.Cli.Output.Catalog;

/// <summary>
/// <c>analyze --format yaml</c>: one <c>ApiEndpoint</c> manifest per endpoint, exactly as the collector writes them
/// to a cluster — the same projection (<see cref="ApiEndpointProjection"/>), the same bounds and the same JSON
/// (<see cref="ApiEndpointJson"/>) — printed through our own quoting YAML writer, because wire text (hosts, paths,
/// header names) must come out as one double-quoted scalar whatever characters it holds.
/// </summary>
internal static class ApiEndpointManifestWriter
{
    public static void Write(TextWriter output, CatalogSnapshot catalog, string @namespace, ClientDirectory clients)
    {
        foreach (var e in catalog.Endpoints)
        {
            var resource = ApiEndpointProjection.Project(e, @namespace, clients, ProjectionBounds.Default);
            var json = JsonNode.Parse(ApiEndpointJson.Serialize(resource))!.AsObject();
            YamlBlockWriter.WriteDocument(output, Mapping(json));
        }
    }

    private static Dictionary<string, object?> Mapping(JsonObject json)
    {
        var mapping = new Dictionary<string, object?>(json.Count, StringComparer.Ordinal);
        foreach (var (key, value) in json)
        {
            mapping[key] = Tree(value);
        }
        return mapping;
    }

    private static object? Tree(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => Mapping(o),
        JsonArray a => a.Select(Tree).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when v.TryGetValue<long>(out var integer) => integer,
            JsonValueKind.Number => v.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
