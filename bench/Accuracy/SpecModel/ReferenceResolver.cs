using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>
/// Follows local <c>$ref</c>s (JSON pointers into the same document, <c>~0</c>/<c>~1</c> and percent escapes
/// decoded). An external or dangling reference makes the document unusable: the generator could not know what
/// the traffic looks like there.
/// </summary>
internal sealed class ReferenceResolver(JsonObject document)
{
    private readonly Dictionary<string, JsonObject> _cache = new(StringComparer.Ordinal);

    public JsonObject Resolve(JsonObject node)
    {
        // Real documents chain a few references (parameter → schema → alias); the bound only guards a cycle.
        for (var hops = 0; hops < 16; hops++)
        {
            if (node["$ref"] is not JsonValue reference || !reference.TryGetValue<string>(out var pointer))
            {
                return node;
            }
            node = Target(pointer);
        }
        throw new UnusableSpecException("reference cycle");
    }

    public JsonObject? ResolveOrNull(JsonNode? node) => node is JsonObject obj ? Resolve(obj) : null;

    private JsonObject Target(string pointer)
    {
        if (_cache.TryGetValue(pointer, out var cached))
        {
            return cached;
        }
        if (!pointer.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new UnusableSpecException("external $ref");
        }
        JsonNode? target = document;
        foreach (var raw in pointer[2..].Split('/'))
        {
            var part = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            target = target switch
            {
                JsonObject obj => obj[part],
                JsonArray array when int.TryParse(part, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
        }
        var result = target as JsonObject ?? throw new UnusableSpecException("unresolvable $ref");
        _cache[pointer] = result;
        return result;
    }
}
