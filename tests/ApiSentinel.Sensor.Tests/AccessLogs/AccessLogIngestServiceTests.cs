using System.Collections.Concurrent;
using System.Text;
using ApiSentinel.Contract;
using ApiSentinel.Ingest.Envoy.Config.Core.V3;
using ApiSentinel.Ingest.Envoy.Service.AccessLog.V3;
using ApiSentinel.Sensor.AccessLogs;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Sensor.Pipeline.Runtime;
using ApiSentinel.Sensor.Tests.Extraction.Adversarial;
using Grpc.Core;

namespace ApiSentinel.Sensor.Tests.AccessLogs;

/// <summary>
/// The Envoy Access Log Service end to end: a real gRPC client streams access-log messages to the service on a real
/// Kestrel server (h2c on loopback), and the records that come out are checked — structure right, credentials
/// classified, targets redacted, and no planted raw value anywhere.
/// </summary>
public sealed class AccessLogIngestServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private const string Authority = "api.shop.example";
    private const string JwtSignature = "Qm9ndXNTaWduYXR1cmVGb3JUZXN0czEyMzQ1Njc4OTA";
    private static readonly string JwtPayload = Base64Url("""{"sub":"user-4821","name":"Ada Lovelace","iat":1767225600}""");
    private static readonly string Jwt = $"{Base64Url("""{"alg":"HS256","typ":"JWT"}""")}.{JwtPayload}.{JwtSignature}";
    private const string BasicPassword = "Tr0ub4dor&3-horse";
    private static readonly string BasicCredentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"alice:{BasicPassword}"));
    private const string ApiKey = "ak_live_9f8e7d6c5b4a3928171f";
    private const string SessionId = "sess_Zx81Qw92Lm47Kp03vB";
    private const string QueryKey = "qk_7Hh2Jj4Kk6Ll8Mm0Nn";
    private const string Email = "ada.lovelace@example.com";

    private static readonly string[] Planted = [Jwt, JwtPayload, JwtSignature, BasicCredentials, BasicPassword, ApiKey, SessionId, QueryKey, Email];

    private sealed class Harness : IAsyncDisposable
    {
        public ConcurrentQueue<ExchangeRecord> Records { get; } = new();

        public AccessLogCounters Counters { get; } = new();

        public AccessLogIngestService Service { get; }

        public AlsServer Server { get; private set; } = null!;

        private Harness(Action<ExchangeRecord>? beforeEach)
        {
            Service = new AccessLogIngestService(new ExtractionOptions(), r =>
            {
                beforeEach?.Invoke(r);
                Records.Enqueue(r);
            }, Counters, TimeProvider.System);
        }

        /// <param name="beforeEach">Runs in the sink before a record is kept; may throw, as a broken host sink would.</param>
        public static async Task<Harness> StartAsync(Action<ExchangeRecord>? beforeEach = null)
        {
            var harness = new Harness(beforeEach);
            harness.Server = await AlsServer.StartAsync(harness.Service);
            return harness;
        }

        /// <summary>One stream: every message written, the stream completed, the (empty) response awaited.</summary>
        public async Task StreamAsync(params StreamAccessLogsMessage[] messages)
        {
            using var call = Server.Client.StreamAccessLogs();
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message).WaitAsync(Timeout);
            }
            await call.RequestStream.CompleteAsync().WaitAsync(Timeout);
            await call.ResponseAsync.WaitAsync(Timeout);
        }

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }

    [Fact]
    public async Task Realistic_entries_become_records_with_auth_kinds_redacted_targets_and_no_raw_value()
    {
        await using var harness = await Harness.StartAsync();
        await harness.StreamAsync(
            AlsMessages.HttpLogs(AlsMessages.Identifier(),
                AlsMessages.Http(RequestMethod.Get, Authority, "/v1/orders/1042", 200, ("authorization", $"Bearer {Jwt}")),
                AlsMessages.Http(RequestMethod.Post, Authority, "/v1/login", 204, ("authorization", $"Basic {BasicCredentials}"),
                    ("content-type", "application/json"))),
            AlsMessages.HttpLogs(null,
                AlsMessages.Http(RequestMethod.Get, Authority, "/v1/inventory", 200, ("x-api-key", ApiKey)),
                AlsMessages.Http(RequestMethod.Get, Authority, "/v1/cart", 200, ("cookie", $"sessionid={SessionId}; theme=dark")),
                AlsMessages.Http(RequestMethod.Get, Authority, $"/v1/reports?api_key={QueryKey}&format=csv", 200),
                AlsMessages.Http(RequestMethod.Delete, Authority, $"/v1/customers/{Email}/orders", 404)));

        var records = harness.Records.ToArray();
        Assert.Equal(6, records.Length);
        foreach (var record in records)
        {
            Assert.Equal(Authority, record.Host);
            Assert.Equal($"{AlsMessages.ClientAddress}:{AlsMessages.ClientPort}", record.Client);
            Assert.Equal($"{AlsMessages.UpstreamAddress}:{AlsMessages.UpstreamPort}", record.Server);
            Assert.Equal(AlsMessages.StartMicros, record.TimestampMicros);
            Assert.Equal(12_000, record.DurationMicros);
            Assert.Equal("1.1", record.Version);
            Assert.Equal(Transport.Plaintext, record.Transport);
            Assert.Equal(1536, record.ResponseBodyBytes);
            Assert.Equal("application/json", record.ResponseContentType);
            Assert.Contains("user-agent", record.RequestHeaderNames);
            Assert.Contains("x-request-id", record.RequestHeaderNames);
            Assert.Contains("x-forwarded-for", record.RequestHeaderNames);
            Assert.Empty(record.Notes);
            PlantedValues.AssertAbsent(record, Planted);
        }

        var (jwt, basic, key, cookie, query, email) = (records[0], records[1], records[2], records[3], records[4], records[5]);
        Assert.Equal(("GET", "/v1/orders/1042", 200), (jwt.Method, jwt.Target, jwt.Status));
        Assert.Equal((AuthKind.Jwt, "header:authorization", "HS256"), (jwt.Auth.Kind, jwt.Auth.Location, jwt.Auth.JwtAlgorithm));
        Assert.NotNull(jwt.Auth.Fingerprint);

        Assert.Equal(("POST", "/v1/login", 204, 87L), (basic.Method, basic.Target, basic.Status, basic.RequestBodyBytes));
        Assert.Equal((AuthKind.Basic, "header:authorization"), (basic.Auth.Kind, basic.Auth.Location));
        Assert.Equal("application/json", basic.RequestContentType);

        Assert.Equal((AuthKind.ApiKey, "header:x-api-key"), (key.Auth.Kind, key.Auth.Location));
        Assert.Equal((AuthKind.SessionCookie, "cookie:sessionid"), (cookie.Auth.Kind, cookie.Auth.Location));

        Assert.Equal("/v1/reports?api_key=REDACTED&format=csv", query.Target);
        Assert.Equal("/v1/reports", query.Path);
        Assert.Equal((AuthKind.ApiKey, "query:api_key"), (query.Auth.Kind, query.Auth.Location));

        Assert.Equal(("DELETE", "/v1/customers/REDACTED/orders", "/v1/customers/REDACTED/orders", 404),
            (email.Method, email.Target, email.Path, email.Status));
        Assert.Contains(email.Sensitive, s => s.Type == "email" && s.Location == "request.path");
        Assert.Equal(AuthKind.None, email.Auth.Kind);

        // Five different credentials: five different fingerprints (keyed hashes, not the values).
        Assert.Equal(5, records.Select(r => r.Auth.Fingerprint).OfType<string>().Distinct().Count());

        Assert.Equal((1L, 0L, 2L, 6L, 6L, 0L), (harness.Counters.Streams, harness.Counters.ActiveStreams, harness.Counters.Messages,
            harness.Counters.HttpEntries, harness.Counters.ExchangesEmitted, harness.Counters.MalformedEntries));
        Assert.Equal(6, harness.Service.ExtractionCounters.Exchanges);
    }

    [Fact]
    public async Task Tcp_entries_are_counted_and_skipped()
    {
        await using var harness = await Harness.StartAsync();
        await harness.StreamAsync(
            AlsMessages.TcpLogs(3),
            AlsMessages.HttpLogs(null, AlsMessages.Http(RequestMethod.Get, Authority, "/v1/health", 200)),
            AlsMessages.TcpLogs(2));

        var record = Assert.Single(harness.Records);
        Assert.Equal("/v1/health", record.Target);
        Assert.Equal((5L, 1L, 3L), (harness.Counters.TcpEntriesSkipped, harness.Counters.HttpEntries, harness.Counters.Messages));
    }

    [Fact]
    public async Task Malformed_entries_are_counted_and_skipped_and_the_stream_goes_on()
    {
        await using var harness = await Harness.StartAsync();
        var noRequest = AlsMessages.Http(RequestMethod.Get, Authority, "/x", 200);
        noRequest.Request = null;
        var noMethod = AlsMessages.Http(RequestMethod.MethodUnspecified, Authority, "/v1/no-method", 200);
        var noPath = AlsMessages.Http(RequestMethod.Get, Authority, "", 200);
        var intermediate = AlsMessages.Http(RequestMethod.Get, Authority, "/v1/events", 200);
        intermediate.CommonProperties.IntermediateLogEntry = true;

        await harness.StreamAsync(
            AlsMessages.HttpLogs(AlsMessages.Identifier(), noRequest, AlsMessages.Http(RequestMethod.Get, Authority, "/v1/first", 200), noMethod),
            AlsMessages.HttpLogs(null, noPath, intermediate),
            new StreamAccessLogsMessage(), // neither HTTP nor TCP entries
            AlsMessages.HttpLogs(null, AlsMessages.Http(RequestMethod.Put, Authority, "/v1/second", 200)));

        Assert.Equal(["/v1/first", "/v1/second"], harness.Records.Select(r => r.Target));
        Assert.Equal((3L, 1L, 6L, 2L, 4L), (harness.Counters.MalformedEntries, harness.Counters.IntermediateEntriesSkipped,
            harness.Counters.HttpEntries, harness.Counters.ExchangesEmitted, harness.Counters.Messages));
    }

    [Fact]
    public async Task Concurrent_streams_deliver_every_entry_once_and_leak_nothing()
    {
        const int Streams = 8;
        const int Messages = 10;
        const int EntriesPerMessage = 5;
        await using var harness = await Harness.StartAsync();

        var planted = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, Streams).Select(s => Task.Run(async () =>
        {
            var messages = new List<StreamAccessLogsMessage>();
            for (var m = 0; m < Messages; m++)
            {
                var entries = Enumerable.Range(0, EntriesPerMessage).Select(e =>
                {
                    var token = $"tok{s}x{m}y{e}_Vb93Kq7Zr2Lm8Np4";
                    planted.Add(token);
                    return AlsMessages.Http(RequestMethod.Get, $"s{s}.shop.example", $"/v1/items/{m * EntriesPerMessage + e}", 200,
                        ("x-api-key", token));
                }).ToArray();
                messages.Add(AlsMessages.HttpLogs(m == 0 ? AlsMessages.Identifier() : null, entries));
            }
            await harness.StreamAsync([.. messages]);
        })));

        var records = harness.Records.ToArray();
        Assert.Equal(Streams * Messages * EntriesPerMessage, records.Length);
        Assert.Equal(records.Length, records.Select(r => (r.Host, r.Target)).Distinct().Count());
        Assert.All(records, r => Assert.Equal(AuthKind.ApiKey, r.Auth.Kind));
        Assert.Equal(records.Length, records.Select(r => r.Auth.Fingerprint).Distinct().Count());
        foreach (var record in records)
        {
            PlantedValues.AssertAbsent(record, planted);
        }
        Assert.Equal(((long)Streams, 0L, (long)records.Length), (harness.Counters.Streams, harness.Counters.ActiveStreams, harness.Counters.ExchangesEmitted));
    }

    [Fact]
    public async Task An_oversized_message_is_refused_with_a_grpc_status_and_the_service_keeps_serving()
    {
        await using var harness = await Harness.StartAsync();
        var huge = AlsMessages.Http(RequestMethod.Get, Authority, "/v1/huge", 200,
            ("x-padding", new string('a', AccessLogIngestService.MaxReceiveMessageSize + 1024)));

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = harness.Server.Client.StreamAccessLogs();
            try
            {
                await call.RequestStream.WriteAsync(AlsMessages.HttpLogs(AlsMessages.Identifier(), huge)).WaitAsync(Timeout);
                await call.RequestStream.CompleteAsync().WaitAsync(Timeout);
            }
            catch (RpcException)
            {
                // The write may already see the call's failure; the status is the call's, read below.
            }
            await call.ResponseAsync.WaitAsync(Timeout);
        });
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Empty(harness.Records);

        await harness.StreamAsync(AlsMessages.HttpLogs(AlsMessages.Identifier(), AlsMessages.Http(RequestMethod.Get, Authority, "/v1/after", 200)));
        Assert.Equal("/v1/after", Assert.Single(harness.Records).Target);
        Assert.Equal((1L, 0L, 2L), (harness.Counters.OversizedMessages, harness.Counters.ActiveStreams, harness.Counters.Streams));
    }

    [Fact]
    public async Task A_message_that_is_not_protobuf_ends_its_stream_with_invalid_argument_and_is_counted()
    {
        await using var harness = await Harness.StartAsync();
        // The service's own method name with a raw-bytes marshaller: what a broken or hostile client can send.
        var raw = new Method<byte[], byte[]>(MethodType.ClientStreaming, "envoy.service.accesslog.v3.AccessLogService", "StreamAccessLogs",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = harness.Server.Channel.CreateCallInvoker().AsyncClientStreamingCall(raw, null, new CallOptions());
            try
            {
                // Field 2 (http_logs) as length-delimited, claiming 100 bytes that never come.
                await call.RequestStream.WriteAsync([0x12, 0x64, 0x0A]).WaitAsync(Timeout);
                await call.RequestStream.CompleteAsync().WaitAsync(Timeout);
            }
            catch (RpcException)
            {
            }
            await call.ResponseAsync.WaitAsync(Timeout);
        });
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(1L, harness.Counters.UndecodableMessages);

        await harness.StreamAsync(AlsMessages.HttpLogs(AlsMessages.Identifier(), AlsMessages.Http(RequestMethod.Get, Authority, "/v1/after", 200)));
        Assert.Equal("/v1/after", Assert.Single(harness.Records).Target);
    }

    [Fact]
    public async Task A_sink_that_throws_costs_that_record_only_and_the_stream_goes_on()
    {
        await using var harness = await Harness.StartAsync(r =>
        {
            if (r.Target == "/v1/broken")
            {
                throw new InvalidOperationException("sink failure");
            }
        });
        await harness.StreamAsync(
            AlsMessages.HttpLogs(AlsMessages.Identifier(),
                AlsMessages.Http(RequestMethod.Get, Authority, "/v1/broken", 200),
                AlsMessages.Http(RequestMethod.Get, Authority, "/v1/same-message", 200)),
            AlsMessages.HttpLogs(null, AlsMessages.Http(RequestMethod.Get, Authority, "/v1/next-message", 200)));

        Assert.Equal(["/v1/same-message", "/v1/next-message"], harness.Records.Select(r => r.Target));
        Assert.Equal((1L, 2L, 0L), (harness.Counters.EmitFailures, harness.Counters.ExchangesEmitted, harness.Counters.ActiveStreams));
    }

    [Fact]
    public async Task A_runtime_detector_finds_its_value_in_a_logged_header_after_Reconfigure()
    {
        await using var harness = await Harness.StartAsync();
        var entry = AlsMessages.Http(RequestMethod.Get, Authority, "/v1/staff", 200, ("x-staff-ref", "EMP-482913"));
        await harness.StreamAsync(AlsMessages.HttpLogs(AlsMessages.Identifier(), entry));
        Assert.DoesNotContain(Assert.Single(harness.Records).Sensitive, s => s.Type == "employee-id");

        Assert.Empty(harness.Service.Reconfigure(new SensorRuntimeSettings
        {
            Detectors = [new CustomDetector { Name = "employee-id", Pattern = @"EMP-\d{6}" }],
        }));
        await harness.StreamAsync(AlsMessages.HttpLogs(AlsMessages.Identifier(), entry));
        var record = harness.Records.Last();
        var found = Assert.Single(record.Sensitive, s => s.Type == "employee-id");
        Assert.Equal(ExtractionLocations.RequestHeaderPrefix + "x-staff-ref", found.Location);
        PlantedValues.AssertAbsent(record, ["EMP-482913", "482913"]);
        Assert.Equal(1L, harness.Counters.ConfigurationsApplied);
    }

    [Fact]
    public async Task Reconfigure_validates_like_the_pipeline_and_applies_scope_to_the_entries_endpoints()
    {
        await using var harness = await Harness.StartAsync();
        var problems = harness.Service.Reconfigure(new SensorRuntimeSettings
        {
            Scope = new CaptureScope([new CaptureTargetSetting("not-an-address", [])]),
            SamplingRate = 0,
        });
        Assert.Equal(2, problems.Count);
        Assert.Equal(1L, harness.Counters.ConfigurationsRejected);

        // A body limit larger than any pipeline's pool is no problem here: ALS has no bodies and no pool.
        Assert.Empty(harness.Service.Reconfigure(new SensorRuntimeSettings
        {
            Scope = new CaptureScope([new CaptureTargetSetting(AlsMessages.UpstreamAddress, [AlsMessages.UpstreamPort])]),
            BodyInspectionLimit = 1 << 30,
        }));
        var elsewhere = AlsMessages.Http(RequestMethod.Get, Authority, "/v1/elsewhere", 200);
        elsewhere.CommonProperties.UpstreamRemoteAddress = AlsMessages.Socket("198.51.100.99", 8080);
        await harness.StreamAsync(AlsMessages.HttpLogs(AlsMessages.Identifier(),
            AlsMessages.Http(RequestMethod.Get, Authority, "/v1/in-scope", 200), elsewhere));
        Assert.Equal(["/v1/in-scope"], harness.Records.Select(r => r.Target));
        Assert.Equal(1L, harness.Counters.OutOfScopeEntries);
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
