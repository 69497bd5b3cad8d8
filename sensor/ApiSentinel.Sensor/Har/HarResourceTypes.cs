namespace ApiSentinel.Sensor.Har;

/// <summary>
/// The values of HAR <c>_resourceType</c> (Chromium's resource types) the sensor passes on. The field is free
/// text in a file anyone can write, so only these known words leave; anything else is dropped.
/// </summary>
public static class HarResourceTypes
{
    private static readonly string[] Names =
    [
        "document", "stylesheet", "script", "image", "font", "media", "xhr", "fetch", "websocket", "manifest",
        "texttrack", "eventsource", "ping", "prefetch", "preflight", "signedexchange", "cspviolationreport", "other",
    ];

    /// <summary>The shared instance of a known resource type (case-insensitive), or null.</summary>
    public static string? Known(string value)
    {
        foreach (var name in Names)
        {
            if (name.Equals(value, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }
        return null;
    }
}
