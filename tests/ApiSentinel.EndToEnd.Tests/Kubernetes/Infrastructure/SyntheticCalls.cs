using ApiSentinel.Contract;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

/// <summary>
/// Calls as a sensor's extractor would report them (structure only: JSON responses, a JWT in the authorization
/// header, a client from the documentation range), for a host and server the test picks. The server address is
/// outside every Service of <see cref="FakeCluster"/> unless the test chooses one that is, so these endpoints land in
/// the collector's configured namespace.
/// </summary>
internal static class SyntheticCalls
{
    /// <summary>A server no Service or EndpointSlice of the fake cluster names.</summary>
    public const string UnknownServer = "198.51.100.20:8080";

    public const string Host = "catalog.bench.test";

    public const string Client = "198.51.100.77";

    /// <summary>The extractor's kind name for a JSON string (FieldObservation's documented kinds).</summary>
    private const string StringKind = "string";

    /// <summary>One GET per path, a millisecond apart, ending now (event time close to the collector's clock).</summary>
    public static IReadOnlyList<ApiCall> Gets(IEnumerable<string> paths, string host = Host, string server = UnknownServer)
    {
        var list = paths.ToList();
        var start = DateTimeOffset.UtcNow.AddMilliseconds(-list.Count).ToUnixTimeMilliseconds() * 1000;
        return [.. list.Select((path, i) => Call(start + (i * 1000L), "GET", host, server, path, i))];
    }

    public static ApiCall Call(long timestampMicros, string method, string host, string server, string path, int sequence) => new()
    {
        TimestampMicros = timestampMicros,
        Source = "e2e-synthetic",
        Connection = $"{Client}:{40000 + (sequence % 20000)}>{server}#{sequence}",
        Transport = Transport.Plaintext,
        ClientAddress = Client,
        Server = server,
        Host = host,
        Method = method,
        Path = path,
        Status = 200,
        RequestBytes = 0,
        ResponseBytes = 180,
        DurationMicros = 2500,
        Auth = AuthKinds.Jwt,
        AuthLocation = "header:authorization",
        JwtAlgorithm = "RS256",
        CredentialFingerprint = "fp:e2e-client",
        ResponseContentType = "application/json",
        RequestHeaders = ["accept", "authorization", "host", "user-agent"],
        ResponseHeaders = ["content-length", "content-type"],
        ResponseFields = [new FieldObservation("$.id", StringKind), new FieldObservation("$.name", StringKind)],
        UserAgent = "okhttp/4.12.0",
    };
}
