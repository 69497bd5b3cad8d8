using ApiSentinel.FakeApiServer.Http;

namespace ApiSentinel.Bench.KubernetesSink.Measure;

/// <summary>One request the fake API server answered (its request log is the only source of the figures).</summary>
internal sealed record ServerRequest(RequestRecord Record)
{
    private const string ApiEndpoints = "apiendpoints";

    public DateTimeOffset Time => Record.Time;

    public int Status => Record.Status;

    /// <summary>What the collector's rate limiter governs: every request that changes something on the server.</summary>
    public bool IsWrite => Record.IsWrite;

    public bool IsStatusWrite => IsWrite && Record.Subresource == "status";

    /// <summary>A list of ApiEndpoints: what the sink's start-up reconcile begins with.</summary>
    public bool IsEndpointList => Record.Verb == KubeVerbs.List && Record.Plural == ApiEndpoints;

    /// <summary>The ApiEndpoint an object or status path names (<c>…/apiendpoints/NAME[/status]</c>), else null.</summary>
    public string? Endpoint
    {
        get
        {
            if (Record.Plural != ApiEndpoints)
            {
                return null;
            }
            var segments = Record.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            int at = Array.LastIndexOf(segments, ApiEndpoints);
            return at >= 0 && at + 1 < segments.Length ? segments[at + 1] : null;
        }
    }

    public static IReadOnlyList<ServerRequest> Since(RequestLog log, DateTimeOffset since) =>
        [.. log.All.Where(record => record.Time >= since).Select(record => new ServerRequest(record))];
}
