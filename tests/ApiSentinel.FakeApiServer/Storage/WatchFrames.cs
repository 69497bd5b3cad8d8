using System.Globalization;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Json;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>The lines of a watch stream (newline-delimited JSON), made once under the store's lock.</summary>
internal static class WatchFrames
{
    public static string Event(string type, JsonObject obj, string apiVersion)
    {
        var copy = JsonTree.Clone(obj);
        copy["apiVersion"] = apiVersion;
        return Line(type, copy);
    }

    /// <summary>A BOOKMARK carries only the kind and the resourceVersion the client may resume from.</summary>
    public static string Bookmark(WatchFilter filter, long version) => Line(WatchEventTypes.Bookmark, new JsonObject
    {
        ["kind"] = filter.Kind,
        ["apiVersion"] = filter.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) },
    });

    public static string Error(JsonObject status) => Line(WatchEventTypes.Error, status);

    private static string Line(string type, JsonObject obj) => new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
}
