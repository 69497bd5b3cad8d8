using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>Follows local <c>$ref</c>s (<c>#/components/...</c>) of one document.</summary>
internal sealed class ReferenceResolver(JsonObject document)
{
    public JsonObject Resolve(JsonObject node)
    {
        // A chain of references is short in these specs; the bound only guards against a cycle.
        for (var hops = 0; hops < 16; hops++)
        {
            if (node["$ref"] is not JsonValue reference)
            {
                return node;
            }
            JsonNode? target = document;
            foreach (var part in reference.GetValue<string>().TrimStart('#', '/').Split('/'))
            {
                target = target?[part];
            }
            node = target as JsonObject ?? throw new InvalidDataException($"unresolved reference {reference}");
        }
        throw new InvalidDataException("reference cycle");
    }
}
