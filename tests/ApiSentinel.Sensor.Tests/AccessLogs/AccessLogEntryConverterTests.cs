using System.Text;
using ApiSentinel.Contract;
using ApiSentinel.Ingest.Envoy.Config.Core.V3;
using ApiSentinel.Ingest.Envoy.Data.AccessLog.V3;
using ApiSentinel.Sensor.AccessLogs;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Http;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Time.Testing;
using HttpVersion = ApiSentinel.Ingest.Envoy.Data.AccessLog.V3.HTTPAccessLogEntry.Types.HTTPVersion;

namespace ApiSentinel.Sensor.Tests.AccessLogs;

/// <summary>The mapping of one entry onto a transaction, and what the extractor makes of it, field by field.</summary>
public sealed class AccessLogEntryConverterTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 8, 30, 0, TimeSpan.Zero);
    private readonly AccessLogEntryConverter _converter = new(new FakeTimeProvider(Now));
    private readonly ExchangeExtractor _extractor = new(new ExtractionOptions(), new NoSink(), new ExtractionCounters());

    private sealed class NoSink : IExchangeSink
    {
        public long OnExchangeStarted(long timestampMicros) => 0;

        public void OnExchangeCompleted(long ticket, ExchangeRecord record)
        {
        }
    }

    private ExchangeRecord Record(HTTPAccessLogEntry entry, long connectionId = 7)
    {
        Assert.Equal(AccessLogEntryOutcome.Converted, _converter.Convert(entry, connectionId, out var transaction));
        try
        {
            return _extractor.Extract(transaction);
        }
        finally
        {
            _converter.Scrub();
        }
    }

    [Fact]
    public void Pseudo_headers_stand_in_for_fixed_fields_Envoy_left_empty_and_are_never_headers()
    {
        // Envoy reports methods outside its enum (WebDAV's PROPFIND) as METHOD_UNSPECIFIED; a sink logging :method still names it.
        var entry = AlsMessages.Http(RequestMethod.MethodUnspecified, "", "", 207,
            (":method", "PROPFIND"), (":path", "/dav/files/report.txt"), (":authority", "files.example"), (":scheme", "https"));
        entry.Request.Scheme = "";
        var record = Record(entry);
        Assert.Equal(("PROPFIND", "files.example", "/dav/files/report.txt", Transport.Tls), (record.Method, record.Host, record.Target, record.Transport));
        Assert.DoesNotContain(record.RequestHeaderNames, n => n.StartsWith(':'));
    }

    [Fact]
    public void A_fixed_field_and_the_same_logged_header_make_one_header()
    {
        var entry = AlsMessages.Http(RequestMethod.Get, "api.example", "/", 200, ("user-agent", "curl/8.5.0"), ("Host", "other.example"));
        Assert.Equal(AccessLogEntryOutcome.Converted, _converter.Convert(entry, 1, out var transaction));
        var headers = transaction.Request!.Headers;
        Assert.Equal((1, 1), (headers.CountOf("user-agent"u8), headers.CountOf("host"u8)));
        Assert.Equal(("curl/8.5.0", "api.example"), (headers.GetString("user-agent"), headers.GetString("host")));
        Assert.Equal("x-forwarded-for", Encoding.ASCII.GetString(headers.NameAt(headers.Count - 2)));
        _converter.Scrub();
        Assert.Null(transaction.Request);
    }

    [Fact]
    public void Http2_over_tls_without_an_upstream_is_reported_with_the_listener_as_server()
    {
        var entry = AlsMessages.Http(RequestMethod.Post, "api.example", "/v2/orders", 201, ("content-type", "application/json; charset=utf-8"));
        entry.ProtocolVersion = HttpVersion.Http2;
        entry.Request.Scheme = "";
        entry.CommonProperties.TlsProperties = new TLSProperties { TlsVersion = TLSProperties.Types.TLSVersion.Tlsv13 };
        entry.CommonProperties.UpstreamRemoteAddress = null;
        var record = Record(entry);
        Assert.Equal(Transport.Tls, record.Transport);
        Assert.Equal("2", record.Version);
        Assert.Equal($"{AlsMessages.ListenerAddress}:{AlsMessages.ListenerPort}", record.Server);
        Assert.Equal("application/json", record.RequestContentType);
        Assert.Equal(87, record.RequestBodyBytes);
    }

    [Fact]
    public void Http3_is_named_and_an_unspecified_version_is_not()
    {
        var entry = AlsMessages.Http(RequestMethod.Get, "api.example", "/", 200);
        entry.ProtocolVersion = HttpVersion.Http3;
        Assert.Equal("3", Record(entry).Version);
        entry.ProtocolVersion = HttpVersion.ProtocolUnspecified;
        Assert.Null(Record(entry).Version);
    }

    [Fact]
    public void The_client_is_the_physical_peer_not_the_forwarded_address()
    {
        // downstream_remote_address may come from X-Forwarded-For, which the client writes.
        var entry = AlsMessages.Http(RequestMethod.Get, "api.example", "/", 200);
        entry.CommonProperties.DownstreamRemoteAddress = AlsMessages.Socket("198.51.100.77", 0);
        Assert.Equal($"{AlsMessages.ClientAddress}:{AlsMessages.ClientPort}", Record(entry).Client);
        // Without the physical peer, the reported one is still better than none.
        entry.CommonProperties.DownstreamDirectRemoteAddress = null;
        Assert.Equal("198.51.100.77:0", Record(entry).Client);
    }

    [Fact]
    public void Addresses_that_are_not_ip_sockets_are_unknown()
    {
        var entry = AlsMessages.Http(RequestMethod.Get, "api.example", "/", 200);
        entry.CommonProperties.DownstreamRemoteAddress = new Address { Pipe = new Pipe { Path = "/var/run/app.sock" } };
        entry.CommonProperties.DownstreamDirectRemoteAddress = null;
        entry.CommonProperties.UpstreamRemoteAddress = AlsMessages.Socket("backend.internal", 8080);
        entry.CommonProperties.DownstreamLocalAddress = null;
        var record = Record(entry);
        Assert.Equal(("0.0.0.0:0", "0.0.0.0:0"), (record.Client, record.Server));
    }

    [Fact]
    public void Without_a_start_time_the_exchange_is_dated_by_the_clock_and_nonsense_times_are_refused()
    {
        var entry = AlsMessages.Http(RequestMethod.Get, "api.example", "/", 200);
        entry.CommonProperties.StartTime = null;
        var nowMicros = (Now - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        Assert.Equal(nowMicros, Record(entry).TimestampMicros);

        entry.CommonProperties.StartTime = new Timestamp { Seconds = long.MaxValue };
        entry.CommonProperties.Duration = new Duration { Seconds = -5 };
        entry.CommonProperties.TimeToLastDownstreamTxByte = new Duration { Seconds = long.MaxValue };
        entry.CommonProperties.TimeToFirstDownstreamTxByte = null;
        var hostile = Record(entry);
        Assert.Equal((nowMicros, 0L), (hostile.TimestampMicros, hostile.DurationMicros));
    }

    [Fact]
    public void No_response_code_means_no_response()
    {
        var entry = AlsMessages.Http(RequestMethod.Get, "api.example", "/v1/slow", 0);
        var record = Record(entry);
        Assert.Null(record.Status);
        Assert.Null(record.ResponseBodyBytes);
        Assert.Contains("response-missing", record.Notes);

        entry.Response.ResponseCode = null;
        Assert.Null(Record(entry).Status);
    }

    [Fact]
    public void A_header_far_larger_than_the_buffers_arrives_whole_and_the_next_entry_is_unaffected()
    {
        var padding = new string('p', 300 * 1024) + "\u00e9"; // a multi-byte character at the end
        var large = AlsMessages.Http(RequestMethod.Get, "api.example", "/big", 200, ("x-padding", padding), ("x-after", "1"));
        Assert.Equal(AccessLogEntryOutcome.Converted, _converter.Convert(large, 1, out var transaction));
        Assert.Equal((padding, "1"), (Encoding.UTF8.GetString(ValueOf(transaction.Request!.Headers, "x-padding")), transaction.Request.Headers.GetString("x-after")));
        _converter.Scrub();

        var small = AlsMessages.Http(RequestMethod.Get, "api.example", "/small", 200, ("x-padding", "short"));
        Assert.Equal(AccessLogEntryOutcome.Converted, _converter.Convert(small, 2, out transaction));
        Assert.Equal(("/small", "short"), (Encoding.ASCII.GetString(transaction.Request!.Target), transaction.Request.Headers.GetString("x-padding")));
        _converter.Scrub();
    }

    private static byte[] ValueOf(HttpHeaderBlock headers, string name) =>
        headers.TryGet(Encoding.ASCII.GetBytes(name), out var value) ? value.ToArray() : [];

    [Fact]
    public void Each_entry_is_its_own_connection()
    {
        var entry = AlsMessages.Http(RequestMethod.Get, "api.example", "/", 200);
        Assert.Equal((41L, 42L), (Record(entry, 41).ConnectionId, Record(entry, 42).ConnectionId));
    }

    [Theory]
    [InlineData(false, true, "/p")]
    [InlineData(true, false, "/p")]
    [InlineData(true, true, "")]
    public void Entries_without_request_method_or_path_are_malformed(bool hasRequest, bool hasMethod, string path)
    {
        var entry = AlsMessages.Http(hasMethod ? RequestMethod.Get : RequestMethod.MethodUnspecified, "api.example", path, 200);
        if (!hasRequest)
        {
            entry.Request = null;
        }
        Assert.Equal(AccessLogEntryOutcome.Malformed, _converter.Convert(entry, 1, out _));
    }
}
