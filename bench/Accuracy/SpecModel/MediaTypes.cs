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
}
