using System.Text;
using ApiSentinel.Contract;
using ApiSentinel.Ingest.Envoy.Data.AccessLog.V3;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;
using Google.Protobuf.Collections;
using HttpVersion = ApiSentinel.Ingest.Envoy.Data.AccessLog.V3.HTTPAccessLogEntry.Types.HTTPVersion;

namespace ApiSentinel.Sensor.AccessLogs;

/// <summary>
/// Turns one Envoy HTTP access-log entry into the transaction the packet path would have produced for the same
/// exchange — request line, headers (the logged map plus the fields Envoy reports on their own), status, body sizes,
/// timing, addresses — so the exchange extractor classifies, redacts and fingerprints it exactly like captured
/// traffic. There is no body to inspect: ALS carries sizes only.
/// <para>
/// Not thread-safe: one transaction and its buffers are reused from entry to entry, and wiped by
/// <see cref="Scrub"/> once the extractor has read them, so no raw header value outlives its entry's extraction
/// in these buffers.
/// </para>
/// </summary>
internal sealed class AccessLogEntryConverter
{
    private readonly TimeProvider _time;
    private readonly HttpTransaction _transaction = new(new ConnectionInfo(0, EnvoyAddress.Unknown, EnvoyAddress.Unknown, 0, handshakeSeen: true));
    private readonly ParsedRequest _request = new();
    private readonly ParsedResponse _response = new();
    /// <summary>UTF-8 of one header's name and value, side by side; grows to the largest header of an entry.</summary>
    private byte[] _scratch = new byte[InitialScratchBytes];
    private const int InitialScratchBytes = 1024;
    /// <summary>A scratch buffer grown past this by one huge header is given back after its entry, not kept for good.</summary>
    private const int ShrinkScratchAboveBytes = 64 * 1024;
    private int _scratchHighWater;

    public AccessLogEntryConverter(TimeProvider time) => _time = time;

    /// <summary>
    /// Fills the reused transaction from <paramref name="entry"/>. Valid until the next call or <see cref="Scrub"/>.
    /// </summary>
    /// <param name="entry">The entry as received.</param>
    /// <param name="connectionId">The ordinal this exchange is reported under: ALS names no connection, so each entry is its own.</param>
    /// <param name="transaction">The transaction when the outcome is <see cref="AccessLogEntryOutcome.Converted"/>.</param>
    public AccessLogEntryOutcome Convert(HTTPAccessLogEntry entry, long connectionId, out HttpTransaction transaction)
    {
        transaction = _transaction;
        var common = entry.CommonProperties;
        if (common?.IntermediateLogEntry == true)
        {
            return AccessLogEntryOutcome.Intermediate;
        }
        if (entry.Request is not { } properties)
        {
            return AccessLogEntryOutcome.Malformed;
        }
        var headers = properties.RequestHeaders;
        var path = properties.Path.Length > 0 ? properties.Path : Logged(headers, PseudoHeaders.Path);
        var method = EnvoyRequestMethods.Token(properties.RequestMethod);
        var methodText = method.IsEmpty ? Logged(headers, PseudoHeaders.Method) : null;
        if (string.IsNullOrEmpty(path) || (method.IsEmpty && string.IsNullOrEmpty(methodText)))
        {
            return AccessLogEntryOutcome.Malformed;
        }

        var start = EnvoyTime.Micros(common?.StartTime) ?? (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        // The client is the physical peer, else the address Envoy reports for it (which may come from
        // X-Forwarded-For: a header the client writes, so not an address to attribute traffic to when the peer's is
        // known); the server is the upstream host that answered, else — a direct response, no upstream — the
        // listener Envoy received it on.
        var client = EnvoyAddress.FirstKnown(common?.DownstreamDirectRemoteAddress, common?.DownstreamRemoteAddress);
        var server = EnvoyAddress.FirstKnown(common?.UpstreamRemoteAddress, common?.DownstreamLocalAddress);
        var connection = new ConnectionInfo(connectionId, client, server, start, handshakeSeen: true);
        _transaction.Connection = connection;
        _transaction.Client = client;
        _transaction.Server = server;
        _transaction.Flags = HttpTransactionFlags.None;
        _transaction.Transport = TransportOf(properties.Scheme.Length > 0 ? properties.Scheme : Logged(headers, PseudoHeaders.Scheme), common);

        var version = VersionOf(entry.ProtocolVersion);
        FillRequest(properties, method, methodText, path, version, start, common);
        _transaction.Request = _request;
        _transaction.Response = FillResponse(entry.Response, version, start, common) ? _response : null;
        return AccessLogEntryOutcome.Converted;
    }

    /// <summary>Wipes every byte of the last entry from the reused buffers.</summary>
    public void Scrub()
    {
        _request.Scrub();
        _response.Scrub();
        _scratch.AsSpan(0, _scratchHighWater).Clear();
        _scratchHighWater = 0;
        if (_scratch.Length > ShrinkScratchAboveBytes)
        {
            _scratch = new byte[InitialScratchBytes];
        }
        _transaction.Request = null;
        _transaction.Response = null;
    }

    private void FillRequest(HTTPRequestProperties properties, ReadOnlySpan<byte> method, string? methodText, string path,
        HttpProtocolVersion version, long start, AccessLogCommon? common)
    {
        _request.Scrub();
        _request.Version = version;
        if (method.IsEmpty)
        {
            var methodBytes = Encode(methodText!, path, out var target);
            _request.SetLine(methodBytes, target);
        }
        else
        {
            _request.SetLine(method, Encode(path, ""));
        }
        _request.StartMicros = start;
        _request.EndMicros = start + (EnvoyTime.Micros(common?.TimeToLastRxByte) ?? 0);
        _request.HeaderBytes = Clamp(properties.RequestHeadersBytes);
        _request.Body.Length = (long)Math.Min(properties.RequestBodyBytes, long.MaxValue);
        _request.Body.Complete = true;

        var headers = _request.Headers;
        var authority = properties.Authority.Length > 0 ? properties.Authority : Logged(properties.RequestHeaders, PseudoHeaders.Authority);
        if (!string.IsNullOrEmpty(authority))
        {
            Add(headers, EnvoyHeaderFields.Host, authority);
        }
        foreach (var (name, value) in properties.RequestHeaders)
        {
            // Pseudo-headers stood in for fixed fields above; Host came from the authority when Envoy had one.
            if (name.Length == 0 || name[0] == PseudoHeaders.Prefix ||
                (!string.IsNullOrEmpty(authority) && name.Equals(EnvoyHeaderFields.Host, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            Add(headers, name, value);
        }
        AddFixed(headers, properties.RequestHeaders, EnvoyHeaderFields.UserAgent, properties.UserAgent);
        AddFixed(headers, properties.RequestHeaders, EnvoyHeaderFields.Referer, properties.Referer);
        AddFixed(headers, properties.RequestHeaders, EnvoyHeaderFields.ForwardedFor, properties.ForwardedFor);
        AddFixed(headers, properties.RequestHeaders, EnvoyHeaderFields.RequestId, properties.RequestId);
    }

    private bool FillResponse(HTTPResponseProperties? properties, HttpProtocolVersion version, long start, AccessLogCommon? common)
    {
        _response.Scrub();
        // Envoy logs 0 (or nothing) when no response went downstream (the client reset first): no response, as on the wire.
        if (properties?.ResponseCode is not { } code || code is < 100 or > 999)
        {
            return false;
        }
        _response.Version = version;
        _response.StatusCode = (int)code;
        var duration = EnvoyTime.Micros(common?.Duration) ?? EnvoyTime.Micros(common?.TimeToLastDownstreamTxByte) ?? 0;
        _response.StartMicros = start + (EnvoyTime.Micros(common?.TimeToFirstDownstreamTxByte) ?? duration);
        _response.EndMicros = start + duration;
        _response.HeaderBytes = Clamp(properties.ResponseHeadersBytes);
        _response.Body.Length = (long)Math.Min(properties.ResponseBodyBytes, long.MaxValue);
        _response.Body.Complete = true;
        foreach (var (name, value) in properties.ResponseHeaders)
        {
            if (name.Length > 0 && name[0] != PseudoHeaders.Prefix)
            {
                Add(_response.Headers, name, value);
            }
        }
        return true;
    }

    /// <summary>
    /// What the scheme says about the downstream hop: https means the client's request crossed the network in TLS,
    /// as do TLS properties Envoy recorded for the connection when it logged no scheme.
    /// </summary>
    private static Transport TransportOf(string? scheme, AccessLogCommon? common) => scheme?.ToLowerInvariant() switch
    {
        "https" or "wss" => Transport.Tls,
        "http" or "ws" => Transport.Plaintext,
        _ => common?.TlsProperties is not null ? Transport.Tls : Transport.Unknown,
    };

    /// <summary>The entry's HTTP version; one Envoy does not name (PROTOCOL_UNSPECIFIED) is reported without one.</summary>
    private static HttpProtocolVersion VersionOf(HttpVersion version) => version switch
    {
        HttpVersion.Http10 => HttpProtocolVersion.Http10,
        HttpVersion.Http11 => HttpProtocolVersion.Http11,
        HttpVersion.Http2 => HttpProtocolVersion.Http2,
        HttpVersion.Http3 => HttpProtocolVersion.Http3,
        _ => HttpProtocolVersion.Unknown,
    };

    /// <summary>A fixed field's header, unless the logged map carries the same header already (never twice).</summary>
    private void AddFixed(HttpHeaderBlock headers, MapField<string, string> logged, string name, string value)
    {
        if (value.Length > 0 && Logged(logged, name) is null)
        {
            Add(headers, name, value);
        }
    }

    /// <summary>The logged header <paramref name="name"/> (ASCII case-insensitive; Envoy logs lower-case names), or null.</summary>
    private static string? Logged(MapField<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var value))
        {
            return value;
        }
        foreach (var (key, v) in headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }
        return null;
    }

    private void Add(HttpHeaderBlock headers, string name, string value)
    {
        var bytes = Encode(name, value, out var valueBytes);
        headers.Add(bytes, valueBytes);
    }

    private ReadOnlySpan<byte> Encode(string first, string second) => Encode(first, second, out _);

    /// <summary>UTF-8 of both strings in the scratch buffer: <paramref name="first"/>'s bytes returned, <paramref name="second"/>'s out.</summary>
    private ReadOnlySpan<byte> Encode(string first, string second, out ReadOnlySpan<byte> secondBytes)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(first.Length + second.Length);
        if (needed > _scratch.Length)
        {
            _scratch.AsSpan(0, _scratchHighWater).Clear();
            _scratchHighWater = 0;
            _scratch = new byte[Math.Max(needed, _scratch.Length * 2)];
        }
        var firstLength = Encoding.UTF8.GetBytes(first, _scratch);
        var secondLength = Encoding.UTF8.GetBytes(second, _scratch.AsSpan(firstLength));
        _scratchHighWater = Math.Max(_scratchHighWater, firstLength + secondLength);
        secondBytes = _scratch.AsSpan(firstLength, secondLength);
        return _scratch.AsSpan(0, firstLength);
    }

    private static int Clamp(ulong bytes) => (int)Math.Min(bytes, int.MaxValue);
}
