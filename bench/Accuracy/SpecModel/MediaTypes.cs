namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>Media-type families the generator writes bodies for.</summary>
internal static class MediaTypes
{
    public static bool IsJson(string mediaType)
    {
        var type = mediaType.Split(';')[0].Trim();
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase) || type == "*/*";
    }

    public static bool IsForm(string mediaType) => mediaType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    public static bool IsXml(string mediaType) => mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase);

    public static bool IsText(string mediaType) => mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Pages, styles, scripts, images, fonts, audio, video: what a browser loads. A GET answered so is a static asset
    /// to the catalog unless a spec declares it, so without a spec it is not expected as an endpoint.
    /// </summary>
    public static bool IsAsset(string mediaType)
    {
        var type = mediaType.Split(';')[0].Trim().ToLowerInvariant();
        return type is "text/html" or "text/css" || type.Contains("javascript", StringComparison.Ordinal) ||
            type.StartsWith("image/", StringComparison.Ordinal) || type.StartsWith("font/", StringComparison.Ordinal) ||
            type.StartsWith("audio/", StringComparison.Ordinal) || type.StartsWith("video/", StringComparison.Ordinal);
    }
}
