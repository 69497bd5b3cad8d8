using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Json;

/// <summary>Small helpers over <see cref="JsonNode"/> trees that every stage of the server uses.</summary>
internal static class JsonTree
{
    public static JsonObject Clone(JsonObject obj) => (JsonObject)obj.DeepClone();

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }
        var created = new JsonObject();
        obj["metadata"] = created;
        return created;
    }

    public static string? String(JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var segment in path)
        {
            current = (current as JsonObject)?[segment];
        }
        return current is JsonValue value && value.TryGetValue(out string? text) ? text : null;
    }

    /// <summary>An integer however it was made (parsed JSON, or an int or long set in code); null when not one.</summary>
    public static long? Long(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue(out long l) => l,
        JsonValue value when value.TryGetValue(out int i) => i,
        _ => null,
    };

    /// <summary>True only for a JSON <c>true</c> (a string "true" or anything else is not).</summary>
    public static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue(out bool b) && b;

    /// <summary>The value at a dotted path (<c>involvedObject.name</c>), or null when any step is missing.</summary>
    public static JsonNode? AtDottedPath(JsonObject obj, string dotted)
    {
        JsonNode? current = obj;
        foreach (var segment in dotted.Split('.'))
        {
            current = (current as JsonObject)?[segment];
        }
        return current;
    }

    /// <summary>A scalar rendered as kube compares field selector values: strings bare, others as JSON text.</summary>
    public static string? ScalarText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out string? text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    /// <summary>A copy without the named top-level members (to compare the parts generation cares about).</summary>
    public static JsonObject Without(JsonObject obj, params string[] members)
    {
        var copy = Clone(obj);
        foreach (var member in members)
        {
            copy.Remove(member);
        }
        return copy;
    }
}
