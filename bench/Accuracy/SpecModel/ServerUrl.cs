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

    /// <summary>
    /// Substitutes the variables that stand for a whole scheme and authority (<c>{Endpoint}/vision/v1.0</c> with
    /// default <c>https://westus.api.example.com</c>), and those glued to the authority that begin the path
    /// (<c>https://api.ebay.com{basePath}</c>, default <c>/commerce/catalog/v1_beta</c>: kept as a variable, the path
    /// would read as part of the authority and the published copy lose its base path), so what remains templated is
    /// the path.
    /// </summary>
    public static string SubstituteAuthority(string url, JsonObject? variables)
    {
        foreach (var (name, variable) in variables ?? [])
        {
            var value = variable?["default"]?.ToString() ?? "";
            var placeholder = "{" + name + "}";
            var at = url.IndexOf(placeholder, StringComparison.Ordinal);
            var gluedPath = value.StartsWith('/') && at > 0 && url[at - 1] != '/' && !url[..at].EndsWith("://", StringComparison.Ordinal);
            if (value.Contains("://", StringComparison.Ordinal) || value.StartsWith("//", StringComparison.Ordinal) || gluedPath)
            {
                url = url.Replace(placeholder, value, StringComparison.Ordinal);
            }
        }
        return url;
    }

    /// <summary>A scheme-relative URL (<c>//host/v1</c>) made absolute; others as they are.</summary>
    public static string Absolute(string url) => url.StartsWith("//", StringComparison.Ordinal) ? "http:" + url : url;

    /// <summary>The path of a URL, absolute (<c>https://{region}.x.com/v1</c> → <c>/v1</c>) or relative.</summary>
    public static string PathOf(string url)
    {
        var scheme = url.StartsWith("//", StringComparison.Ordinal) ? 0 : url.IndexOf("://", StringComparison.Ordinal) is var s and >= 0 ? s + 1 : -1;
        var path = url;
        if (scheme >= 0)
        {
            // "https://host/v1", and the scheme-relative "//host/v1" (RFC 3986 §4.2) some documents use.
            var slash = url.IndexOf('/', scheme + 2);
            path = slash < 0 ? "" : url[slash..];
        }
        var end = path.IndexOfAny(['?', '#']);
        return end < 0 ? path : path[..end];
    }
}
