using System.Text.Json.Nodes;

namespace ApiSentinel.Collector.Specs;

/// <summary>
/// Builds OpenAPI 3.0 schemas from observed kinds and flattened field paths (the inverse of
/// <see cref="SchemaFlattener"/>).
/// </summary>
internal static class ObservedSchemaBuilder
{
    /// <summary>Schema for a set of value kinds: the narrowest type that holds them all, or an unconstrained schema.</summary>
    public static JsonObject ForKinds(IReadOnlySet<string> kinds)
    {
        var nullable = kinds.Contains("null");
        var concrete = kinds.Where(k => k is not ("null" or "empty")).ToHashSet(StringComparer.Ordinal);
        var schema = new JsonObject();
        if (concrete.Count == 0)
        {
            if (kinds.Contains("empty"))
            {
                schema["type"] = "string";
            }
        }
        else if (concrete.All(k => k is "integer"))
        {
            schema["type"] = "integer";
        }
        else if (concrete.All(k => k is "integer" or "number"))
        {
            schema["type"] = "number";
        }
        else if (concrete.All(k => k is "string" or "uuid" or "date" or "date-time" or "email"))
        {
            schema["type"] = "string";
            if (concrete.Count == 1 && concrete.First() is var only && only != "string")
            {
                schema["format"] = only;
            }
        }
        else if (concrete.Count == 1)
        {
            var only = concrete.First();
            schema["type"] = only;
            if (only == "array")
            {
                schema["items"] = new JsonObject();
            }
        }

        // In 3.0 "nullable" only means something next to "type"; a schema without type already admits null.
        if (nullable && schema.ContainsKey("type"))
        {
            schema["nullable"] = true;
        }

        return schema;
    }

    /// <summary>Schema for a JSON body from its field paths (<c>$.a.b</c>, <c>$.items[*].c</c>, <c>$[*]</c>).</summary>
    public static JsonObject ForFields(IReadOnlyDictionary<string, IReadOnlySet<string>> fields)
    {
        var root = new Node();
        foreach (var (path, kinds) in fields)
        {
            var node = root;
            foreach (var step in Steps(path))
            {
                node = step == "[*]" ? node.Items ??= new Node() : node.Properties.TryGetValue(step, out var child) ? child : node.Properties[step] = new Node();
            }

            node.Kinds.UnionWith(kinds);
        }

        return root.ToSchema();
    }

    private static IEnumerable<string> Steps(string path)
    {
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                yield return "[*]";
                i = close < 0 ? path.Length : close + 1;
            }
            else
            {
                var start = path[i] == '.' ? i + 1 : i;
                var end = path.IndexOfAny(['.', '['], start);
                end = end < 0 ? path.Length : end;
                if (end > start)
                {
                    yield return path[start..end];
                }

                i = end;
            }
        }
    }

    private sealed class Node
    {
        public HashSet<string> Kinds { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, Node> Properties { get; } = new(StringComparer.Ordinal);

        public Node? Items { get; set; }

        public JsonObject ToSchema()
        {
            if (Properties.Count > 0)
            {
                var properties = new JsonObject();
                foreach (var (name, child) in Properties)
                {
                    properties[name] = child.ToSchema();
                }

                var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
                if (Kinds.Contains("null"))
                {
                    schema["nullable"] = true;
                }

                return schema;
            }

            if (Items is not null)
            {
                var schema = new JsonObject { ["type"] = "array", ["items"] = Items.ToSchema() };
                if (Kinds.Contains("null"))
                {
                    schema["nullable"] = true;
                }

                return schema;
            }

            return ForKinds(Kinds);
        }
    }
}
