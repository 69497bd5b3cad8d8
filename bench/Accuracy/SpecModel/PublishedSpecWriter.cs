using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>
/// Writes the "published" copy of a source spec: the given operations removed (and paths left empty by that),
/// every <c>x-bench-*</c> annotation stripped so the engine sees only what a team would publish, and — for the
/// public collection's documents — the servers pointed at the host the benchmark gave the API, base path kept.
/// </summary>
internal static class PublishedSpecWriter
{
    public static void Write(SourceSpec spec, IEnumerable<SpecOperation> removed, string path)
    {
        var document = (JsonObject)spec.Document.DeepClone();
        var paths = document["paths"]!.AsObject();
        foreach (var operation in removed)
        {
            if (paths[operation.SpecPath] is not JsonObject pathItem)
            {
                continue;
            }
            if (pathItem["$ref"] is not null)
            {
                // A shared path item: this copy gets its own, so removing from it leaves the others intact.
                pathItem = (JsonObject)new ReferenceResolver(document).Resolve(pathItem).DeepClone();
                paths[operation.SpecPath] = pathItem;
            }
            pathItem.Remove(operation.Method.ToLowerInvariant());
            if (!pathItem.Any(p => p.Key is "get" or "put" or "post" or "delete" or "patch" or "head" or "options" or "trace"))
            {
                paths.Remove(operation.SpecPath);
            }
        }
        if (spec.RewriteServers)
        {
            RewriteServers(spec, document);
        }
        StripAnnotations(document);
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream);
        document.WriteTo(writer);
    }

    // Only the authority changes: a templated path (https://{region}.x.com/{basePath}) keeps its variables, so
    // the engine still has to substitute them. Path-item and operation servers are dropped: traffic for them
    // goes to the document's server like every other operation's.
    private static void RewriteServers(SourceSpec spec, JsonObject document)
    {
        if (spec.IsSwagger)
        {
            document["host"] = spec.Host;
            document["schemes"] = new JsonArray("http");
        }
        else
        {
            var first = (document["servers"] as JsonArray)?.FirstOrDefault() as JsonObject;
            var template = first?["url"]?.GetValue<string>() ?? "";
            var pathTemplate = ServerUrl.PathOf(template);
            if (pathTemplate.Length > 0 && !pathTemplate.StartsWith('/'))
            {
                pathTemplate = "/" + pathTemplate;
            }
            var server = new JsonObject { ["url"] = "http://" + spec.Host + pathTemplate };
            if (first?["variables"] is JsonObject variables)
            {
                var kept = new JsonObject();
                foreach (var (name, variable) in variables)
                {
                    if (pathTemplate.Contains("{" + name + "}", StringComparison.Ordinal))
                    {
                        kept[name] = variable?.DeepClone();
                    }
                }
                if (kept.Count > 0)
                {
                    server["variables"] = kept;
                }
            }
            document["servers"] = new JsonArray(server);
        }
        foreach (var (_, pathItem) in document["paths"]!.AsObject())
        {
            if (pathItem is JsonObject item)
            {
                item.Remove("servers");
                foreach (var (_, operation) in item)
                {
                    (operation as JsonObject)?.Remove("servers");
                }
            }
        }
    }

    private static void StripAnnotations(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).Where(k => k.StartsWith("x-bench-", StringComparison.Ordinal)).ToList())
                {
                    obj.Remove(key);
                }
                foreach (var (_, child) in obj)
                {
                    StripAnnotations(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    StripAnnotations(child);
                }
                break;
        }
    }
}
