using ApiSentinel.Contract;

namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// Replays the pool as an endless stream in capture order: each call is a fresh <see cref="ApiCall"/> copying the
/// prototype's references with the next timestamp (the collector also gets a fresh object per call off the wire,
/// and the finding detector's windows need time to move forward). The copy is the only work besides the engine;
/// its cost is measured on its own (<see cref="Program"/>'s generator pass) and subtracted.
/// <para>
/// With <paramref name="freshStrings"/>, every string of the call (host, method, path, addresses, header, field and
/// query names, kinds) is a copy of its own, as a protobuf deserialiser makes them: pooled instances let
/// reference-equality shortcuts and pointer-equal string compares hit on every call, which a real collector never
/// sees. The copies are made by <see cref="Fill"/> outside the timed region.
/// </para>
/// </summary>
internal sealed class CallStream(CallPool pool, long startMicros, long stepMicros, bool freshStrings = false)
{
    private readonly ApiCall[] _calls = pool.Calls;
    private int _next;
    private long _timestamp = startMicros;

    /// <summary>Index in the pool of the call <see cref="Next"/> returned last (to look up per-prototype data).</summary>
    public int LastIndex { get; private set; }

    /// <summary>Calls handed over per timed batch in fresh-strings mode (one thread-CPU reading per batch).</summary>
    public const int BatchSize = 1024;

    public bool FreshStrings => freshStrings;

    /// <summary>
    /// Fills <paramref name="batch"/> with the next calls (fresh strings if so configured) and their pool indexes, so
    /// a caller can make the copies untimed and time only what it does with them.
    /// </summary>
    public void Fill(Span<ApiCall> batch, Span<int> indexes)
    {
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = Next();
            indexes[i] = LastIndex;
        }
    }

    public ApiCall Next()
    {
        if (freshStrings)
        {
            return Fresh(NextShared());
        }

        return NextShared();
    }

    private ApiCall NextShared()
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

    private static ApiCall Fresh(ApiCall p) => new()
    {
        TimestampMicros = p.TimestampMicros,
        Source = Copy(p.Source),
        ClientAddress = CopyOrNull(p.ClientAddress),
        Server = Copy(p.Server),
        Host = Copy(p.Host),
        Method = Copy(p.Method),
        Path = Copy(p.Path),
        Query = Copy(p.Query),
        Status = p.Status,
        RequestBytes = p.RequestBytes,
        ResponseBytes = p.ResponseBytes,
        DurationMicros = p.DurationMicros,
        Auth = Copy(p.Auth),
        AuthLocation = CopyOrNull(p.AuthLocation),
        JwtAlgorithm = CopyOrNull(p.JwtAlgorithm),
        CredentialFingerprint = CopyOrNull(p.CredentialFingerprint),
        Sensitive = p.Sensitive.Count == 0 ? [] : [.. p.Sensitive.Select(s => new SensitiveObservation(Copy(s.Type), Copy(s.Location), s.Count))],
        RequestContentType = CopyOrNull(p.RequestContentType),
        ResponseContentType = CopyOrNull(p.ResponseContentType),
        RequestHeaders = Copy(p.RequestHeaders),
        ResponseHeaders = Copy(p.ResponseHeaders),
        RequestFields = Copy(p.RequestFields),
        ResponseFields = Copy(p.ResponseFields),
        UserAgent = CopyOrNull(p.UserAgent),
        ClientTool = CopyOrNull(p.ClientTool),
    };

    // new string(span) always allocates; string.Copy is obsolete. The empty string stays the shared instance, as a
    // deserialiser returns it.
    private static string Copy(string text) => text.Length == 0 ? "" : new string(text.AsSpan());

    private static string? CopyOrNull(string? text) => text is null ? null : Copy(text);

    private static string[] Copy(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return [];
        }

        var copy = new string[names.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Copy(names[i]);
        }

        return copy;
    }

    private static FieldObservation[] Copy(IReadOnlyList<FieldObservation> fields)
    {
        if (fields.Count == 0)
        {
            return [];
        }

        var copy = new FieldObservation[fields.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = new FieldObservation(Copy(fields[i].Name), Copy(fields[i].Kind));
        }

        return copy;
    }
}
