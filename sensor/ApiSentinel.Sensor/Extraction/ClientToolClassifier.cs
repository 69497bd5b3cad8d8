using System.Buffers;
using System.Text;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Names the attack or scanning tool a User-Agent announces (<c>sqlmap</c>, <c>nikto</c>, <c>nuclei</c>, …), if any.
/// Many tools hide behind a browser product token (<c>Mozilla/5.00 (Nikto/2.1.6)</c>), so the whole header is
/// searched — in the sensor, because the header value itself never leaves it.
/// </summary>
internal static class ClientToolClassifier
{
    private static readonly string[] Tools =
    [
        "sqlmap", "nikto", "nmap", "masscan", "zgrab", "gobuster", "dirbuster", "dirb", "wfuzz", "ffuf", "nuclei",
        "burp", "owasp zap", "zaproxy", "acunetix", "nessus", "openvas", "w3af", "wpscan", "hydra", "feroxbuster",
        "arachni", "skipfish", "whatweb", "jaeles", "commix", "xsstrike", "appscan", "netsparker", "qualys",
    ];

    private static readonly SearchValues<string> ToolNames = SearchValues.Create(Tools, StringComparison.OrdinalIgnoreCase);

    public static string? Classify(ReadOnlySpan<byte> userAgent)
    {
        if (userAgent.IsEmpty || userAgent.Length > 1024)
        {
            return null;
        }
        Span<char> chars = stackalloc char[userAgent.Length];
        var n = Encoding.Latin1.GetChars(userAgent, chars);
        var text = chars[..n];
        var at = text.IndexOfAny(ToolNames);
        if (at < 0)
        {
            return null;
        }
        foreach (var tool in Tools)
        {
            if (text[at..].StartsWith(tool, StringComparison.OrdinalIgnoreCase))
            {
                return tool == "zaproxy" ? "owasp zap" : tool;
            }
        }
        return null;
    }
}
