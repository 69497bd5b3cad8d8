using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Patching;

/// <summary>
/// JSON merge patch (RFC 7386): objects merge member by member, null removes, anything else replaces. The server
/// also applies <c>application/strategic-merge-patch+json</c> this way: strategic merge differs only for lists with
/// patch strategies of built-in types, which none of our clients send.
/// </summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }
        return result;
    }
}
