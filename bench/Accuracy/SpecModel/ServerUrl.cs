using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>OpenAPI 3 server URLs: variable substitution and the path part of a (possibly templated) URL.</summary>
internal static class ServerUrl
{
    /// <summary>Each <c>{name}</c> replaced by the variable's default (its first enum value without one).</summary>
    public static string Substitute(string url, JsonObject? variables)
    {
        foreach (var (name, variable) in variables ?? [])
        {
            var value = variable?["default"]?.ToString() ?? (variable?["enum"] as JsonArray)?.FirstOrDefault()?.ToString() ?? "";
            url = url.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }
        return url;
    }

    /// <summary>The path of a URL, absolute (<c>https://{region}.x.com/v1</c> → <c>/v1</c>) or relative.</summary>
    public static string PathOf(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var path = url;
        if (scheme >= 0)
        {
            var slash = url.IndexOf('/', scheme + 3);
            path = slash < 0 ? "" : url[slash..];
        }
        var end = path.IndexOfAny(['?', '#']);
        return end < 0 ? path : path[..end];
    }
}
