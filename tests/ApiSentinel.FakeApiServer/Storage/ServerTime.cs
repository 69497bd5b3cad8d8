using System.Globalization;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>Timestamps as kube writes them (RFC 3339, whole seconds, UTC).</summary>
internal static class ServerTime
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
