using System.Globalization;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Json;

namespace ApiSentinel.FakeApiServer.Patching;

/// <summary>
/// JSON patch (RFC 6902): add, remove, replace, move, copy and test over JSON pointers (RFC 6901). A failing
/// operation (missing path, failed test) fails the whole patch, which the server answers as kube does.
/// </summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw KubeStatus.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        var root = document.DeepClone();
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || JsonTree.String(op, "op") is not { } name || JsonTree.String(op, "path") is not { } path)
            {
                throw Invalid("an operation needs \"op\" and \"path\"");
            }
            switch (name)
            {
                case "add": Add(ref root, path, Required(op, "value").DeepClone()); break;
                case "remove": Remove(root, path); break;
                case "replace": Remove(root, path); Add(ref root, path, Required(op, "value").DeepClone()); break;
                case "move":
                    {
                        var from = From(op);
                        var moved = Resolve(root, from) ?? throw Missing(from);
                        Remove(root, from);
                        Add(ref root, path, moved.DeepClone());
                        break;
                    }
                case "copy":
                    {
                        var from = From(op);
                        Add(ref root, path, (Resolve(root, from) ?? throw Missing(from)).DeepClone());
                        break;
                    }
                case "test":
                    if (!JsonNode.DeepEquals(Resolve(root, path), Required(op, "value")))
                    {
                        throw Invalid($"testing value {path} failed: test failed");
                    }
                    break;
                default: throw Invalid($"Unexpected kind: {name}");
            }
        }
        return root;
    }

    private static JsonNode Required(JsonObject op, string member) =>
        op.TryGetPropertyValue(member, out var value) ? value ?? JsonValue.Create((string?)null)! : throw Invalid($"operation is missing \"{member}\"");

    private static string From(JsonObject op) => JsonTree.String(op, "from") ?? throw Invalid("operation is missing \"from\"");

    private static List<string> Pointer(string path)
    {
        if (path.Length == 0)
        {
            return [];
        }
        if (path[0] != '/')
        {
            throw Invalid($"JSON pointer must start with '/': {path}");
        }
        return [.. path[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    private static JsonNode? Resolve(JsonNode root, string path)
    {
        JsonNode? current = root;
        foreach (var segment in Pointer(path))
        {
            current = current switch
            {
                JsonObject obj => obj.TryGetPropertyValue(segment, out var child) ? child : null,
                JsonArray array when Index(segment, array.Count, false) is var i && i < array.Count => array[i],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode root, string path)
    {
        var segments = Pointer(path);
        var parentPath = segments.Count <= 1 ? "" : "/" + string.Join('/', segments[..^1].Select(Escape));
        var parent = Resolve(root, parentPath) ?? throw Missing(path);
        return (parent, segments[^1]);
    }

    private static void Add(ref JsonNode root, string path, JsonNode value)
    {
        if (path.Length == 0)
        {
            root = value;
            return;
        }
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array:
                if (last == "-")
                {
                    array.Add(value);
                }
                else
                {
                    array.Insert(Index(last, array.Count, true), value);
                }
                break;
            default:
                throw Missing(path);
        }
    }

    private static void Remove(JsonNode root, string path)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                break;
            case JsonArray array:
                var index = Index(last, array.Count, false);
                if (index >= array.Count)
                {
                    throw Missing(path);
                }
                array.RemoveAt(index);
                break;
            default:
                throw Missing(path);
        }
    }

    private static int Index(string segment, int count, bool inclusive)
    {
        if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > count || (!inclusive && index == count))
        {
            throw Invalid($"invalid array index: {segment}");
        }
        return index;
    }

    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static KubeStatusException Missing(string path) => Invalid($"doc is missing path: \"{path}\": missing value");

    // kube answers an unappliable JSON patch with 422 and the patch library's message.
    private static KubeStatusException Invalid(string message) =>
        new(422, KubeStatus.Failure(422, StatusReasons.Invalid, $"the server rejected our request due to an error in our request: {message}"));
}
