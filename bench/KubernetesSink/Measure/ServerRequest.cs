using ApiSentinel.FakeApiServer;

namespace ApiSentinel.Bench.KubernetesSink.Measure;

/// <summary>One request the fake API server answered, as the figures read it (its request log is the only source).</summary>
internal sealed record ServerRequest(DateTimeOffset Time, string Method, string Path, int Status)
{
    private const string ApiEndpoints = "apiendpoints";

    /// <summary>What the collector's rate limiter governs: every request that changes something on the server.</summary>
    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    public bool IsStatusWrite => IsWrite && Path.EndsWith("/status", StringComparison.Ordinal);

    /// <summary>The ApiEndpoint an object or status path names (<c>…/apiendpoints/NAME[/status]</c>), else null.</summary>
    public string? Endpoint
    {
        get
        {
            var segments = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            int at = Array.IndexOf(segments, ApiEndpoints);
            return at >= 0 && at + 1 < segments.Length ? segments[at + 1] : null;
        }
    }

    public static IReadOnlyList<ServerRequest> From(RequestLog log, int from) =>
        [.. log.Entries.Skip(from).Select(entry => new ServerRequest(entry.Time, entry.Verb, entry.Path, entry.Status))];
}
