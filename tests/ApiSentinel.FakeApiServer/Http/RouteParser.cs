using ApiSentinel.FakeApiServer.BuiltIns;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.Http;

/// <summary>
/// Resolves <c>/api/v1/…</c> and <c>/apis/GROUP/VERSION/…</c> to a kind and object: <c>PLURAL[/NAME[/SUB]]</c> and
/// <c>namespaces/NS/PLURAL[/NAME[/SUB]]</c>. <c>/api/v1/namespaces/NS</c> is the namespace object itself, as in kube.
/// </summary>
internal static class RouteParser
{
    /// <summary>The route, or null when the path names no served kind (a 404).</summary>
    public static ResourceRoute? Parse(string path, ResourceTypes types)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        string group, version;
        string[] rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], segments[2..]);
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], segments[3..]);
        }
        else
        {
            return null;
        }
        if (rest.Length >= 3 && rest[0] == BuiltInTypes.NamespacePlural
            && types.TryGet(group, version, rest[2], out var namespacedType) && namespacedType.Namespaced)
        {
            return rest.Length <= 5 ? new ResourceRoute(namespacedType, rest[1], At(rest, 3), At(rest, 4)) : null;
        }
        if (rest.Length is >= 1 and <= 3 && types.TryGet(group, version, rest[0], out var type))
        {
            return new ResourceRoute(type, null, At(rest, 1), At(rest, 2));
        }
        return null;
    }

    private static string? At(string[] segments, int index) => index < segments.Length ? segments[index] : null;
}
