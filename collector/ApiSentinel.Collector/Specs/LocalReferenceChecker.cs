using System.Text.Json.Nodes;

namespace ApiSentinel.Collector.Specs;

/// <summary>
/// Finds local <c>$ref</c>s that point nowhere. Microsoft.OpenApi only warns about them and leaves an empty schema,
/// which would make every field of that body look undocumented; a broken reference is a broken spec, so loading
/// fails with the reference and where it is used.
/// </summary>
internal static class LocalReferenceChecker
{
    public static void Check(JsonNode root, string sourceName) => Walk(root, root, "", sourceName, 0);

    private static void Walk(JsonNode root, JsonNode? node, string pointer, string sourceName, int depth)
    {
        if (depth > 256)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var childPointer = pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    if (key == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var target) &&
                        target.StartsWith('#') && Resolve(root, target) is null)
                    {
                        throw new SpecException($"{sourceName}: broken $ref '{target}' at {(pointer.Length == 0 ? "/" : pointer)}");
                    }

                    Walk(root, value, childPointer, sourceName, depth + 1);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(root, array[i], pointer + "/" + i, sourceName, depth + 1);
                }

                break;
        }
    }

    private static JsonNode? Resolve(JsonNode root, string reference)
    {
        var pointer = Uri.UnescapeDataString(reference[1..]);
        if (pointer.Length == 0)
        {
            return root;
        }

        if (pointer[0] != '/')
        {
            // An anchor ("#foo", JSON Schema 2020-12); not resolved here, left to the reader.
            return root;
        }

        var current = root;
        foreach (var rawToken in pointer[1..].Split('/'))
        {
            var token = rawToken.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var next) && next is not null => next,
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count && array[index] is { } item => item,
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }
}
