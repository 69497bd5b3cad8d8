namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Tells static assets — pages, scripts, style sheets, images, fonts, media, WebAssembly, source maps — from API
/// calls, by what the response was (its media type, or the browser's own label, HAR <c>_resourceType</c>). Only
/// reads (GET, HEAD) can fetch an asset: a form POST that answers with HTML is an action, and stays an endpoint.
/// </summary>
public static class StaticAssetRecognizer
{
    /// <summary>HAR <c>_resourceType</c> values (Chromium's) that name an asset; <c>xhr</c>, <c>fetch</c> and the rest are API traffic.</summary>
    public static bool IsAssetResourceType(string? resourceType) =>
        resourceType is "document" or "stylesheet" or "script" or "image" or "font" or "media";

    /// <summary>Whether a response with this media type is an asset; parameters and case are ignored.</summary>
    public static bool IsAssetMediaType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var media = contentType.AsSpan();
        var semicolon = media.IndexOf(';');
        media = (semicolon < 0 ? media : media[..semicolon]).Trim();
        return media.Equals("text/html", StringComparison.OrdinalIgnoreCase) ||
               media.Equals("text/css", StringComparison.OrdinalIgnoreCase) ||
               media.Equals("application/wasm", StringComparison.OrdinalIgnoreCase) ||
               media.Equals("application/vnd.ms-fontobject", StringComparison.OrdinalIgnoreCase) ||
               media.Contains("javascript", StringComparison.OrdinalIgnoreCase) ||
               media.Contains("ecmascript", StringComparison.OrdinalIgnoreCase) ||
               media.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ||
               media.StartsWith("font/", StringComparison.OrdinalIgnoreCase) ||
               media.StartsWith("application/font-", StringComparison.OrdinalIgnoreCase) ||
               media.StartsWith("application/x-font-", StringComparison.OrdinalIgnoreCase) ||
               media.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ||
               media.StartsWith("video/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A source map (<c>app.js.map</c>): served as JSON or octet-stream, recognised by its name.</summary>
    public static bool IsSourceMapPath(string path) =>
        path.EndsWith(".js.map", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".css.map", StringComparison.OrdinalIgnoreCase);

    public static bool CanFetchAsset(string method) => method is "GET" or "HEAD";

    /// <summary>
    /// Whether a media type is an API's own (JSON, XML, protobuf, gRPC, a form): a successful answer with it makes the
    /// endpoint an API whatever else it served. Structured suffixes (<c>+json</c>, <c>+xml</c>) count; SVG and XHTML are assets.
    /// </summary>
    public static bool IsApiMediaType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var media = contentType.AsSpan();
        var semicolon = media.IndexOf(';');
        media = (semicolon < 0 ? media : media[..semicolon]).Trim();
        return media.Contains("json", StringComparison.OrdinalIgnoreCase) ||
               media.Contains("xml", StringComparison.OrdinalIgnoreCase) && !media.StartsWith("image/", StringComparison.OrdinalIgnoreCase) &&
                   !media.Contains("xhtml", StringComparison.OrdinalIgnoreCase) ||
               media.Contains("protobuf", StringComparison.OrdinalIgnoreCase) ||
               media.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) ||
               media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ||
               media.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Only a successful answer (2xx) or a cache revalidation (304) shows what the resource is: an error page
    /// (a framework's HTML "Cannot GET" 404) says nothing about it, so scanners probing bad ids cannot make an
    /// API look like an asset.
    /// </summary>
    public static bool ShowsResource(int? status) => status is >= 200 and < 300 or 304;

    /// <summary>
    /// What one call's response says: decisively an API (a state-changing method, or a success with an API media
    /// type), an asset, an API answer of another media type, or nothing (an error page, no status, no body type).
    /// </summary>
    public static ResponseNature Classify(string method, string path, int? status, string? contentType, string? resourceType)
    {
        if (!CanFetchAsset(method))
        {
            return ResponseNature.DefiniteApi;
        }
        if (!ShowsResource(status))
        {
            return ResponseNature.Unknown;
        }
        if (IsAssetResourceType(resourceType) || IsSourceMapPath(path))
        {
            return ResponseNature.Asset; // the browser's own label, or a map that is JSON by media type but an asset
        }
        if (IsApiMediaType(contentType))
        {
            return ResponseNature.DefiniteApi;
        }
        if (IsAssetMediaType(contentType))
        {
            return ResponseNature.Asset;
        }
        return string.IsNullOrEmpty(contentType) ? ResponseNature.Unknown : ResponseNature.Api;
    }
}

/// <summary>What a response was, for <see cref="StaticAssetRecognizer"/>.</summary>
public enum ResponseNature
{
    /// <summary>Says nothing: an error answer, no response, or no body type.</summary>
    Unknown,

    /// <summary>Another media type (<c>text/plain</c>, …): weighs against an asset, does not settle it.</summary>
    Api,

    /// <summary>A state-changing method, or a success with an API media type: the endpoint is an API.</summary>
    DefiniteApi,

    Asset,
}
