using ApiSentinel.Contract;

namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// Replays the pool as an endless stream in capture order: each call is a fresh <see cref="ApiCall"/> copying the
/// prototype's references with the next timestamp (the collector also gets a fresh object per call off the wire,
/// and the finding detector's windows need time to move forward). The copy is the only work besides the engine;
/// its cost is measured on its own (<see cref="Program"/>'s generator pass) and subtracted.
/// </summary>
internal sealed class CallStream(CallPool pool, long startMicros, long stepMicros)
{
    private readonly ApiCall[] _calls = pool.Calls;
    private int _next;
    private long _timestamp = startMicros;

    /// <summary>Index in the pool of the call <see cref="Next"/> returned last (to look up per-prototype data).</summary>
    public int LastIndex { get; private set; }

    public ApiCall Next()
    {
        LastIndex = _next;
        var p = _calls[_next];
        _next = _next + 1 == _calls.Length ? 0 : _next + 1;
        _timestamp += stepMicros;
        return new ApiCall
        {
            TimestampMicros = _timestamp,
            ClientAddress = p.ClientAddress,
            Server = p.Server,
            Host = p.Host,
            Method = p.Method,
            Path = p.Path,
            Query = p.Query,
            Status = p.Status,
            RequestBytes = p.RequestBytes,
            ResponseBytes = p.ResponseBytes,
            DurationMicros = p.DurationMicros,
            Auth = p.Auth,
            AuthLocation = p.AuthLocation,
            JwtAlgorithm = p.JwtAlgorithm,
            CredentialFingerprint = p.CredentialFingerprint,
            Sensitive = p.Sensitive,
            RequestContentType = p.RequestContentType,
            ResponseContentType = p.ResponseContentType,
            RequestHeaders = p.RequestHeaders,
            ResponseHeaders = p.ResponseHeaders,
            RequestFields = p.RequestFields,
            ResponseFields = p.ResponseFields,
            UserAgent = p.UserAgent,
            ClientTool = p.ClientTool,
        };
    }
}
