using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ApiSentinel.FakeApiServer.Schema.Validation;

/// <summary>
/// The string formats kube-apiserver checks (apiextensions' format registry, go-openapi strfmt). Formats outside it
/// (int32, int64, float, double, and any unknown name) are annotations only, as on the real server.
/// </summary>
internal static partial class Formats
{
    /// <summary>True when the format is validated and <paramref name="value"/> fails it.</summary>
    public static bool Rejects(string format, string value) => format switch
    {
        "date-time" or "datetime" => !IsDateTime(value),
        "date" => !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "byte" => !IsBase64(value),
        "uri" => !Uri.TryCreate(value, UriKind.Absolute, out _) && !value.StartsWith('/'),
        "email" => !EmailPattern().IsMatch(value),
        "hostname" => !HostnamePattern().IsMatch(value) || value.Length > 255,
        "ipv4" => !(IPAddress.TryParse(value, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && value.Count(c => c == '.') == 3),
        "ipv6" => !(value.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(value, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6),
        "cidr" => !IPNetwork.TryParse(value, out _),
        "mac" => !MacPattern().IsMatch(value),
        "uuid" => !UuidPattern().IsMatch(value),
        "uuid3" => !UuidPattern().IsMatch(value) || value[14] != '3',
        "uuid4" => !UuidPattern().IsMatch(value) || value[14] != '4',
        "uuid5" => !UuidPattern().IsMatch(value) || value[14] != '5',
        "duration" => !DurationPattern().IsMatch(value),
        "hexcolor" => !HexColorPattern().IsMatch(value),
        _ => false,
    };

    private static bool IsDateTime(string value) =>
        DateTimeOffset.TryParseExact(value.Replace('t', 'T').Replace('z', 'Z'),
            ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssZ", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFZ"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
        && RfcDateTimePattern().IsMatch(value);

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})\z")]
    private static partial Regex RfcDateTimePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?\z")]
    private static partial Regex HostnamePattern();

    [GeneratedRegex(@"^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}\z")]
    private static partial Regex MacPattern();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z")]
    private static partial Regex UuidPattern();

    // Go's time.ParseDuration units and strfmt's worded units ("3 days").
    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?\s*(ns|us|µs|ms|s|m|h|d|w|sec|secs|second|seconds|min|mins|minute|minutes|hour|hours|day|days|week|weeks)\s*)+\z")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\z")]
    private static partial Regex HexColorPattern();
}
