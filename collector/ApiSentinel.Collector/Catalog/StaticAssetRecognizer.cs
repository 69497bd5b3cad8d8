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

    /// <summary>What one call's response says: an asset, an API answer (some other media type), or nothing (no body type).</summary>
    public static ResponseNature Classify(string method, string path, string? contentType, string? resourceType)
    {
        if (!CanFetchAsset(method))
        {
            return ResponseNature.Api;
        }
        if (IsAssetResourceType(resourceType) || IsAssetMediaType(contentType) || IsSourceMapPath(path))
        {
            return ResponseNature.Asset;
        }
        return string.IsNullOrEmpty(contentType) && resourceType is null ? ResponseNature.Unknown : ResponseNature.Api;
    }
}

/// <summary>What a response was, for <see cref="StaticAssetRecognizer"/>.</summary>
public enum ResponseNature
{
    Unknown,
    Api,
    Asset,
}
