using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Patching;

/// <summary>
/// The fields of an object as server-side apply tracks them: the paths of its leaves (scalars, lists, empty
/// objects), each a sequence of member names joined by <see cref="Separator"/> (no label key or field name holds a
/// newline). Lists are atomic here: kube's associative lists (<c>x-kubernetes-list-type: map</c>) are owned whole,
/// which only makes co-ownership of one list coarser, never wrong for a single applier.
/// </summary>
internal static class FieldPaths
{
    public const char Separator = '\n';

    // Identity and bookkeeping: kube never lets a manager own these.
    private static readonly HashSet<string> TrackedMetadata = ["labels", "annotations", "finalizers", "ownerReferences"];

    public static HashSet<string> Leaves(JsonObject obj, FieldScope scope)
    {
        var leaves = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in obj)
        {
            if (!InScope(name, scope))
            {
                continue;
            }
            if (name == "metadata")
            {
                foreach (var (member, child) in value as JsonObject ?? [])
                {
                    if (TrackedMetadata.Contains(member))
                    {
                        Collect(child, $"metadata{Separator}{member}", leaves);
                    }
                }
                continue;
            }
            Collect(value, name, leaves);
        }
        return leaves;
    }

    public static bool InScope(string topLevel, FieldScope scope) => topLevel switch
    {
        "apiVersion" or "kind" => false,
        "status" => scope != FieldScope.Main,
        _ => scope != FieldScope.Status,
    };

    /// <summary>The value at a path, and whether it exists at all (a present null differs from a missing member).</summary>
    public static (bool Found, JsonNode? Value) At(JsonObject obj, string path)
    {
        JsonNode? current = obj;
        foreach (var segment in path.Split(Separator))
        {
            if (current is not JsonObject map || !map.TryGetPropertyValue(segment, out current))
            {
                return (false, null);
            }
        }
        return (true, current);
    }

    /// <summary>Removes the member at the path, then any parent object it leaves empty (below the top level).</summary>
    public static void Remove(JsonObject obj, string path)
    {
        var segments = path.Split(Separator);
        var chain = new List<JsonObject> { obj };
        foreach (var segment in segments[..^1])
        {
            if (chain[^1][segment] is not JsonObject next)
            {
                return;
            }
            chain.Add(next);
        }
        chain[^1].Remove(segments[^1]);
        for (var i = chain.Count - 1; i >= 2 && chain[i].Count == 0; i--)
        {
            chain[i - 1].Remove(segments[i - 1]);
        }
    }

    public static bool IsUnder(string path, string ancestor) =>
        path.Length > ancestor.Length && path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] == Separator;

    /// <summary>A path as kube prints it in conflicts: <c>.spec.replicas</c>, <c>.metadata.labels.app</c>.</summary>
    public static string Display(string path) => "." + path.Replace(Separator, '.');

    /// <summary>kube's <c>fieldsV1</c> form: <c>{"f:spec":{"f:replicas":{}}}</c>.</summary>
    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in path.Split(Separator))
            {
                var key = "f:" + segment;
                if (node[key] is not JsonObject child)
                {
                    child = [];
                    node[key] = child;
                }
                node = child;
            }
        }
        return root;
    }

    /// <summary>
    /// Reads <c>fieldsV1</c> back. A node without <c>f:</c> children is a leaf; list items written by a real server
    /// (<c>k:</c>, <c>v:</c>, <c>i:</c>) make their list one owned leaf, matching how this server treats lists.
    /// </summary>
    public static HashSet<string> FromFieldsV1(JsonObject? fields)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        Read(fields, "", paths);
        return paths;
    }

    private static void Read(JsonObject? node, string prefix, HashSet<string> paths)
    {
        var children = node?.Where(m => m.Key.StartsWith("f:", StringComparison.Ordinal)).ToList() ?? [];
        if (children.Count == 0)
        {
            if (prefix.Length > 0)
            {
                paths.Add(prefix);
            }
            return;
        }
        foreach (var (key, child) in children)
        {
            var name = key[2..];
            Read(child as JsonObject, prefix.Length == 0 ? name : prefix + Separator + name, paths);
        }
    }

    private static void Collect(JsonNode? value, string path, HashSet<string> leaves)
    {
        if (value is JsonObject map && map.Count > 0)
        {
            foreach (var (name, child) in map)
            {
                Collect(child, path + Separator + name, leaves);
            }
            return;
        }
        leaves.Add(path);
    }
}
