using System.Text.Json;
using System.Text.Json.Nodes;
using ApiSentinel.Bench.Accuracy.Generation;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>
/// Writes the "published" copy of a source spec: the shadow operations removed (and paths left empty by that),
/// every <c>x-bench-*</c> annotation stripped so the engine sees only what a team would publish.
/// </summary>
internal static class PublishedSpecWriter
{
    public static void Write(SourceSpec spec, IEnumerable<TruthOperation> truth, string path)
    {
        var document = (JsonObject)spec.Document.DeepClone();
        var paths = document["paths"]!.AsObject();
        foreach (var removed in truth.Where(t => t.Spec == spec.Name && t.Shadow))
        {
            var operation = spec.Operations.Single(o => o.OperationId == removed.OperationId);
            var pathItem = paths[operation.SpecPath]!.AsObject();
            pathItem.Remove(operation.Method.ToLowerInvariant());
            if (pathItem.Count == 0)
            {
                paths.Remove(operation.SpecPath);
            }
        }
        StripAnnotations(document);
        File.WriteAllText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
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
