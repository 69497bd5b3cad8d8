using System.Text;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// The privacy boundary of the sensor: turns each parsed HTTP transaction — raw headers and inspected bodies —
/// into an <see cref="ExchangeRecord"/> that carries structure only (names, kinds, types, sizes, timing).
/// Runs synchronously inside the parser's delivery call, so the raw bytes it reads are never retained.
/// </summary>
public sealed class ExchangeExtractor : IHttpTransactionSink
{
    private readonly ExtractionOptions _options;
    private readonly IExchangeSink _output;
    private readonly AuthClassifier _auth;
    private readonly TargetRedactor _targets;
    private readonly BodyInspector _bodies;
    private readonly SensitiveDataScanner _scanner;
    private readonly NameScreen _screen;
    private readonly SensitiveFindings _findings;
    private readonly List<SensitiveMatch> _matches = [];
    private readonly TokenPool _names = new(lowerCase: true);
    private readonly TokenPool _methods = new(lowerCase: false);
    /// <summary>
    /// Names (as sent, Latin-1) already found echoable, to the string reported for them (lower-case for header
    /// names and media types, as sent for products): bounded, and data is never added.
    /// </summary>
    private readonly RecentNames<string> _echoable = new(TokenPool.Capacity);

    /// <summary>User-Agent products, reported as sent (<c>Mozilla</c>, <c>okhttp</c>): their own pool and cache.</summary>
    private readonly TokenPool _products = new(lowerCase: false);
    private readonly RecentNames<string> _echoableProducts = new(TokenPool.Capacity);

    /// <summary>Hosts seen valid and free of data (lower-case), as shared strings; bounded.</summary>
    private readonly Dictionary<string, string> _hosts = new(StringComparer.Ordinal);
    private const int MaxHosts = 65536;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _knownHosts;
    private readonly List<FieldShape> _queryShapes = [];
    private readonly List<FieldShape> _requestFields = [];
    private readonly List<FieldShape> _responseFields = [];
    private readonly FieldShapePool _shapes = new();
    private readonly List<string> _headerNames = [];
    private readonly HashSet<string> _seenHeaderNames = new(ReferenceEqualityComparer.Instance);

    /// <summary>Header names described per message; more is hostile, and the rest still counts nowhere else.</summary>
    private const int MaxHeaderNamesPerMessage = 256;
    private readonly SharedListPool<string> _nameLists = new();
    private readonly List<string> _notes = [];
    private char[] _headerChars = new char[512];

    /// <param name="options">What to extract and how.</param>
    /// <param name="output">Where records go.</param>
    /// <param name="counters">Extraction counters.</param>
    /// <param name="bodyInspectionLimit">
    /// The body bytes the HTTP layer keeps per message (<see cref="Http.Http1Options.BodyInspectionLimit"/>): the text
    /// scan inspects as much, so the limit has one source.
    /// </param>
    public ExchangeExtractor(ExtractionOptions options, IExchangeSink output, ExtractionCounters counters,
        int bodyInspectionLimit = Http.Http1Options.DefaultBodyInspectionLimit)
    {
        _options = options;
        _output = output;
        Counters = counters;
        _scanner = new SensitiveDataScanner(options.SensitiveData, bodyInspectionLimit);
        _screen = new NameScreen(_scanner);
        _auth = new AuthClassifier(options, _screen, counters);
        _targets = new TargetRedactor(options, _screen, _shapes, counters);
        _bodies = new BodyInspector(_screen, _shapes, counters);
        _findings = new SensitiveFindings(options.SensitiveData.IncludeMaskedSamples);
        _knownHosts = _hosts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public ExtractionCounters Counters { get; }

    /// <summary>The scanner, for run-time detector and limit changes (<see cref="Pipeline.TrafficPipeline.Reconfigure"/>).</summary>
    internal SensitiveDataScanner Scanner => _scanner;

    public long OnTransactionStarted(long timestampMicros) => _output.OnExchangeStarted(timestampMicros);

    public void OnTransactionCompleted(HttpTransaction transaction)
    {
        var record = Extract(transaction);
        _output.OnExchangeCompleted(transaction.Ticket, record);
    }

    /// <summary>Builds the record of one transaction (public for tests and for HAR input, which has no packets).</summary>
    public ExchangeRecord Extract(HttpTransaction transaction)
    {
        _findings.Clear();
        _queryShapes.Clear();
        _requestFields.Clear();
        _responseFields.Clear();
        var request = transaction.Request;
        var response = transaction.Response;

        string? method = null, host = null, target = null, path = null, requestType = null;
        var auth = AuthObservation.None;
        IReadOnlyList<string> requestHeaders = [];
        string? userAgent = null, clientTool = null;
        if (request is not null)
        {
            method = MethodOf(request.Method);
            var targetHost = HostVerdict.Echoed;
            target = request.Target.IsEmpty ? null : _targets.Redact(request.Target, _findings, _queryShapes, out targetHost, out path);
            host = HostOf(request, out var headerHost);
            // Once per exchange: an invalid Host header and an invalid absolute-form authority are one bad host.
            var withheld = targetHost > headerHost ? targetHost : headerHost;
            Counters.InvalidHosts += withheld == HostVerdict.Invalid ? 1 : 0;
            Counters.RedactedHosts += withheld == HostVerdict.Redacted ? 1 : 0;
            auth = _auth.Classify(request, _findings);
            requestType = MediaType(request.Headers, ExtractionLocations.RequestContentType);
            requestHeaders = HeaderNames(request.Headers, ExtractionLocations.RequestHeaderPrefix, ExtractionLocations.RequestHeaderName);
            userAgent = UserAgentProduct(request.Headers);
            clientTool = request.Headers.TryGet("user-agent"u8, out var agent) ? ClientToolClassifier.Classify(agent) : null;
            InspectBody(request.Body, requestType, ExtractionLocations.RequestBody, _requestFields);
        }

        string? responseType = null;
        IReadOnlyList<string> responseHeaders = [];
        if (response is not null)
        {
            responseType = MediaType(response.Headers, ExtractionLocations.ResponseContentType);
            responseHeaders = HeaderNames(response.Headers, ExtractionLocations.ResponseHeaderPrefix, ExtractionLocations.ResponseHeaderName);
            InspectBody(response.Body, responseType, ExtractionLocations.ResponseBody, _responseFields);
        }

        var record = new ExchangeRecord
        {
            TimestampMicros = transaction.StartMicros,
            Client = transaction.Connection.TextOf(transaction.Client),
            Server = transaction.Connection.TextOf(transaction.Server),
            ConnectionId = transaction.Connection.Id,
            Method = method,
            Host = host,
            Target = target,
            Path = path,
            Transport = transaction.Transport,
            Version = request is null ? null : VersionName(request.Version),
            Status = response is null || response.StatusCode == 0 ? null : response.StatusCode,
            RequestBodyBytes = request?.Body.Length,
            ResponseBodyBytes = response?.Body.Length,
            DurationMicros = request is not null && response is not null && response.EndMicros >= request.StartMicros
                ? response.EndMicros - request.StartMicros
                : null,
            Auth = auth,
            Sensitive = _findings.ToList(),
            RequestContentType = requestType,
            ResponseContentType = responseType,
            ResourceType = transaction.ResourceType,
            RequestHeaderNames = requestHeaders,
            ResponseHeaderNames = responseHeaders,
            QueryParameters = _shapes.List(_queryShapes),
            RequestFields = _shapes.List(_requestFields),
            ResponseFields = _shapes.List(_responseFields),
            UserAgentProduct = userAgent,
            ClientTool = clientTool,
            Notes = Notes(transaction),
        };
        Counters.Exchanges++;
        if (record.Sensitive.Count > 0)
        {
            Counters.WithSensitiveData++;
        }
        if (auth.Kind != AuthKind.None)
        {
            Counters.Authenticated++;
        }
        return record;
    }

    private void InspectBody(HttpBody body, string? mediaType, string prefix, List<FieldShape> fields)
    {
        if (!_options.InspectBodies || body.Inspected.IsEmpty)
        {
            return;
        }
        if (body.InspectionTruncated)
        {
            Counters.BodiesTruncatedForInspection++;
        }
        _bodies.Inspect(body.Inspected, mediaType, prefix, _findings, fields);
    }

    /// <summary>
    /// Header names, de-duplicated, lower-case. Values of headers that are not credentials (those are the auth
    /// classifier's) are scanned for sensitive data, so an SSN in <c>X-Customer-Id</c> is found and located.
    /// </summary>
    private IReadOnlyList<string> HeaderNames(HttpHeaderBlock headers, string locationPrefix, string nameLocation)
    {
        if (headers.Count == 0)
        {
            return [];
        }
        var names = _headerNames;
        names.Clear();
        _seenHeaderNames.Clear();
        for (var i = 0; i < headers.Count; i++)
        {
            var name = EchoedName(headers.NameAt(i), _names, _echoable, nameLocation);
            if (name is null)
            {
                continue; // not a header name a person could use, or data: never echoed
            }
            // A set, not List.Contains: a hostile message with thousands of names made this quadratic.
            if (names.Count < MaxHeaderNamesPerMessage && _seenHeaderNames.Add(name))
            {
                names.Add(name);
            }
            if (HeaderScanPolicy.ShouldScan(name, _options))
            {
                ScanHeaderValue(name, headers.ValueAt(i), locationPrefix);
            }
        }
        return _nameLists.Get(names);
    }

    private void ScanHeaderValue(string name, ReadOnlySpan<byte> value, string locationPrefix)
    {
        if (value.IsEmpty)
        {
            return;
        }
        if (_headerChars.Length < value.Length)
        {
            _headerChars = new char[Math.Max(value.Length, _headerChars.Length * 2)];
        }
        var n = Encoding.Latin1.GetChars(value, _headerChars);
        _matches.Clear();
        if (_scanner.ScanValue(_headerChars.AsSpan(0, n), name, _matches) > 0)
        {
            _findings.Add(_matches, locationPrefix + name, _headerChars.AsSpan(0, n));
        }
    }

    /// <summary>
    /// A name from the wire as it may leave the sensor: the shared string when it is a plain token that no
    /// detector fires on, else null — counted, and what a detector found recorded at <paramref name="location"/>.
    /// </summary>
    private string? EchoedName(ReadOnlySpan<byte> raw, TokenPool pool, RecentNames<string> echoable, string location)
    {
        if (WireToken.IsSafeName(raw))
        {
            Span<char> chars = stackalloc char[WireToken.MaxLength];
            var length = Encoding.Latin1.GetChars(raw, chars);
            // The hot path: names repeat on every exchange, and a name once found echoable is one lookup.
            if (echoable.TryGetValue(chars[..length], out var known))
            {
                return known;
            }
            var verdict = _screen.Screen(chars[..length], _matches);
            if (verdict == NameVerdict.Plain)
            {
                var name = pool.Get(raw);
                echoable.Add(new string(chars[..length]), name);
                return name;
            }
            if (verdict == NameVerdict.Sensitive)
            {
                _findings.Add(_matches, location, chars[..length]);
            }
        }
        else
        {
            LocateData(raw, location);
        }
        Counters.NamesWithheld++;
        return null;
    }

    /// <summary>What a detector finds in text refused on syntax alone (too long, not a token) is still counted.</summary>
    private void LocateData(ReadOnlySpan<byte> raw, string location)
    {
        if (raw.Length > NameScreen.MaxScreenedLength)
        {
            return;
        }
        Span<char> chars = stackalloc char[raw.Length];
        var n = Encoding.Latin1.GetChars(raw, chars);
        if (_screen.ScanEmbedded(chars[..n], _matches) > 0)
        {
            _findings.Add(_matches, location, chars[..n]);
        }
    }

    /// <summary>The method when it is a method token that holds no data (case-sensitive), else <c>INVALID</c>, counted.</summary>
    private string? MethodOf(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            return null;
        }
        if (HttpMethodToken.IsValid(raw))
        {
            Span<char> chars = stackalloc char[HttpMethodToken.MaxLength];
            var verdict = _screen.Screen(raw, chars, _matches, out var length);
            if (verdict == NameVerdict.Plain)
            {
                return _methods.Get(raw);
            }
            if (verdict == NameVerdict.Sensitive)
            {
                _findings.Add(_matches, ExtractionLocations.Method, chars[..length]);
            }
        }
        else
        {
            LocateData(raw, ExtractionLocations.Method);
        }
        Counters.InvalidMethods++;
        return Placeholders.InvalidMethod;
    }

    /// <summary>
    /// The host, lower-case with its port: from the Host header (its userinfo, if any, is the auth classifier's
    /// and never kept), else from the target's authority. A host that is not a host name or address is
    /// <c>invalid</c>; one a detector fires on (a card number or e-mail in a label) is <c>redacted</c>, its
    /// type counted. Neither is echoed.
    /// </summary>
    private string? HostOf(ParsedRequest request, out HostVerdict verdict)
    {
        verdict = HostVerdict.Echoed;
        ReadOnlySpan<byte> hostPort;
        var fromHeader = request.Headers.TryGet("host"u8, out var header) && !header.Trim(" \t"u8).IsEmpty;
        if (fromHeader)
        {
            hostPort = HostSyntax.WithoutUserinfo(header.Trim(" \t"u8), out _);
        }
        else
        {
            // Absolute-form target (proxies): the authority is the host. The redactor has already counted and
            // located what is wrong with it. A CONNECT target names the tunnel's far end, not the server this
            // request was sent to, so without a Host header there is none (as Zeek reports it); nor does an
            // origin-form "//users/42", whose first segment is a path segment, not a host (RFC 9112 §3.2.1).
            var authority = TargetAuthority.Parse(request.Target);
            if (!authority.HasAuthority || authority.IsAuthorityForm || authority.IsNetworkPath)
            {
                return null;
            }
            hostPort = authority.HostPort;
        }
        if (hostPort.Length > 512)
        {
            verdict = fromHeader ? HostVerdict.Invalid : HostVerdict.Echoed;
            return Placeholders.Invalid;
        }
        Span<char> chars = stackalloc char[hostPort.Length];
        for (var i = 0; i < hostPort.Length; i++)
        {
            chars[i] = (char)(hostPort[i] is >= (byte)'A' and <= (byte)'Z' ? hostPort[i] | 0x20 : hostPort[i]);
        }
        // Every exchange of a connection names the same host: a known host was valid and free of data.
        if (_knownHosts.TryGetValue(chars, out var known))
        {
            return known;
        }
        if (!HostSyntax.IsValid(hostPort))
        {
            verdict = fromHeader ? HostVerdict.Invalid : HostVerdict.Echoed;
            return Placeholders.Invalid;
        }
        // Host names are case-insensitive, so a secret in a label means the same in any case: scan the lower-case
        // form and an upper-case copy, because some detectors are case-sensitive (AWS key ids are upper case, and
        // "akia…" in a Host header is still the key). Hosts are cached once known, so this runs once per host.
        Span<char> upper = stackalloc char[chars.Length];
        for (var i = 0; i < chars.Length; i++)
        {
            upper[i] = char.ToUpperInvariant(chars[i]);
        }
        if (_screen.ScanEmbedded(chars, _matches) > 0 || _screen.ScanEmbedded(upper, _matches) > 0)
        {
            if (fromHeader)
            {
                _findings.Add(_matches, ExtractionLocations.Host, chars);
                verdict = HostVerdict.Redacted;
            }
            return Placeholders.RedactedHost;
        }
        var host = new string(chars);
        if (_hosts.Count < MaxHosts)
        {
            _hosts[host] = host;
        }
        return host;
    }

    private string? MediaType(HttpHeaderBlock headers, string location)
    {
        if (!headers.TryGet("content-type"u8, out var value))
        {
            return null;
        }
        var semicolon = value.IndexOf((byte)';');
        var media = (semicolon < 0 ? value : value[..semicolon]).Trim(" \t"u8);
        if (media.IsEmpty)
        {
            return null;
        }
        return media.Contains((byte)'/') ? EchoedName(media, _names, _echoable, location) ?? Placeholders.Invalid : Placeholders.Invalid;
    }

    private string? UserAgentProduct(HttpHeaderBlock headers)
    {
        if (!headers.TryGet("user-agent"u8, out var value))
        {
            return null;
        }
        var end = value.IndexOfAny((byte)'/', (byte)' ');
        var product = end < 0 ? value : value[..end];
        return EchoedName(product, _products, _echoableProducts, ExtractionLocations.UserAgent);
    }

    private static string? VersionName(HttpProtocolVersion version) => version switch
    {
        HttpProtocolVersion.Http11 => "1.1",
        HttpProtocolVersion.Http10 => "1.0",
        HttpProtocolVersion.Http09 => "0.9",
        HttpProtocolVersion.Http2 => "2",
        HttpProtocolVersion.Http3 => "3",
        _ => null,
    };

    private static readonly (HttpTransactionFlags Flag, string Note)[] FlagNotes =
    [
        (HttpTransactionFlags.Gap, "gap"),
        (HttpTransactionFlags.ProtocolSwitch, "protocol-switch"),
        (HttpTransactionFlags.Resynchronised, "resynchronised"),
        (HttpTransactionFlags.AmbiguousFraming, "ambiguous-framing"),
        (HttpTransactionFlags.Incomplete, "incomplete"),
        (HttpTransactionFlags.InterimResponses, "interim-responses"),
        (HttpTransactionFlags.MalformedHeaders, "malformed-headers"),
        (HttpTransactionFlags.PipelineOverflow, "pipeline-overflow"),
    ];

    private IReadOnlyList<string> Notes(HttpTransaction transaction)
    {
        if (transaction.Flags == HttpTransactionFlags.None && transaction.Request is not null && transaction.Response is not null)
        {
            return [];
        }
        _notes.Clear();
        if (transaction.Request is null)
        {
            _notes.Add("request-missing");
        }
        if (transaction.Response is null)
        {
            _notes.Add("response-missing");
        }
        foreach (var (flag, note) in FlagNotes)
        {
            if ((transaction.Flags & flag) != 0)
            {
                _notes.Add(note);
            }
        }
        return _notes.ToArray();
    }
}
