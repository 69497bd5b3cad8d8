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
    private readonly SensitiveFindings _findings;
    private readonly List<SensitiveMatch> _matches = [];
    private readonly TokenPool _names = new(lowerCase: true);
    private readonly TokenPool _methods = new(lowerCase: false);
    private readonly Dictionary<string, string> _hosts = new(StringComparer.Ordinal);
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

    public ExchangeExtractor(ExtractionOptions options, IExchangeSink output, ExtractionCounters counters)
    {
        _options = options;
        _output = output;
        Counters = counters;
        _scanner = new SensitiveDataScanner(options.SensitiveData);
        _auth = new AuthClassifier(options);
        _targets = new TargetRedactor(options, _scanner, _shapes);
        _bodies = new BodyInspector(_scanner, _shapes);
        _findings = new SensitiveFindings(options.SensitiveData.IncludeMaskedSamples);
    }

    public ExtractionCounters Counters { get; }

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

        string? method = null, host = null, target = null, requestType = null;
        var auth = AuthObservation.None;
        IReadOnlyList<string> requestHeaders = [];
        string? userAgent = null, clientTool = null;
        if (request is not null)
        {
            method = request.Method.IsEmpty ? null : _methods.Get(request.Method); // methods are case-sensitive
            target = request.Target.IsEmpty ? null : _targets.Redact(request.Target, _findings, _queryShapes);
            host = HostOf(request);
            auth = _auth.Classify(request);
            requestType = MediaType(request.Headers);
            requestHeaders = HeaderNames(request.Headers, "request.header.");
            userAgent = UserAgentProduct(request.Headers);
            clientTool = request.Headers.TryGet("user-agent"u8, out var agent) ? ClientToolClassifier.Classify(agent) : null;
            InspectBody(request.Body, requestType, "request.body", _requestFields);
        }

        string? responseType = null;
        IReadOnlyList<string> responseHeaders = [];
        if (response is not null)
        {
            responseType = MediaType(response.Headers);
            responseHeaders = HeaderNames(response.Headers, "response.header.");
            InspectBody(response.Body, responseType, "response.body", _responseFields);
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
    private IReadOnlyList<string> HeaderNames(HttpHeaderBlock headers, string locationPrefix)
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
            var raw = headers.NameAt(i);
            if (!WireToken.IsSafeName(raw))
            {
                continue; // not a header name a person could use; never echoed
            }
            var name = _names.Get(raw);
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

    private string? HostOf(ParsedRequest request)
    {
        ReadOnlySpan<byte> host;
        if (!request.Headers.TryGet("host"u8, out host) || host.IsEmpty)
        {
            // Absolute-form target (proxies): the authority is the host.
            var target = request.Target;
            var scheme = target.IndexOf("://"u8);
            if (scheme <= 0 || target[0] == '/')
            {
                return null;
            }
            var authority = target[(scheme + 3)..];
            var end = authority.IndexOfAny((byte)'/', (byte)'?');
            host = end < 0 ? authority : authority[..end];
            var at = host.LastIndexOf((byte)'@'); // never keep userinfo: it is a credential
            if (at >= 0)
            {
                host = host[(at + 1)..];
            }
        }
        return Intern(_names.Get(host.Trim(" \t"u8)));
    }

    private string Intern(string value)
    {
        if (_hosts.TryGetValue(value, out var shared))
        {
            return shared;
        }
        if (_hosts.Count < 65536)
        {
            _hosts[value] = value;
        }
        return value;
    }

    private string? MediaType(HttpHeaderBlock headers)
    {
        if (!headers.TryGet("content-type"u8, out var value))
        {
            return null;
        }
        var semicolon = value.IndexOf((byte)';');
        var media = (semicolon < 0 ? value : value[..semicolon]).Trim(" \t"u8);
        return media.IsEmpty ? null : WireToken.IsSafeName(media) && media.Contains((byte)'/') ? _names.Get(media) : "invalid";
    }

    private string? UserAgentProduct(HttpHeaderBlock headers)
    {
        if (!headers.TryGet("user-agent"u8, out var value))
        {
            return null;
        }
        var end = value.IndexOfAny((byte)'/', (byte)' ');
        var product = end < 0 ? value : value[..end];
        return WireToken.IsSafeName(product) ? _names.Get(product) : null;
    }

    private static string? VersionName(HttpProtocolVersion version) => version switch
    {
        HttpProtocolVersion.Http11 => "1.1",
        HttpProtocolVersion.Http10 => "1.0",
        HttpProtocolVersion.Http09 => "0.9",
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
