using ApiSentinel.Ingest.Envoy.Config.Core.V3;
using ApiSentinel.Ingest.Envoy.Data.AccessLog.V3;
using ApiSentinel.Ingest.Envoy.Service.AccessLog.V3;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using HttpVersion = ApiSentinel.Ingest.Envoy.Data.AccessLog.V3.HTTPAccessLogEntry.Types.HTTPVersion;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The test as an Envoy sidecar: streams realistic <c>StreamAccessLogsMessage</c>s — the node identifier in the
/// first message, final HTTP/1.1 entries with downstream/upstream addresses, start time, duration, status, the
/// fixed request fields and logged request headers carrying the credentials of <see cref="PlantedSecrets.AccessLog"/>
/// — to a sensor's <c>--als-listen</c> over h2c, with Envoy's service and message names.
/// </summary>
internal static class EnvoyAccessLogTraffic
{
    public const string Host = "orders.mesh.test";

    public const string ClientAddress = "198.51.100.77";

    public const string UpstreamAddress = "198.51.100.200";

    public static readonly int[] CustomerIds = [3101, 3102, 3103, 3104, 3105, 3106];

    /// <summary>What the catalog must show for these entries (method, template, auth kinds with calls; no bodies, so no sensitive data).</summary>
    public static IReadOnlyList<ExpectedEndpoint> Expected =>
    [
        new("GET", "/v2/customers/{customerId}", CustomerIds.Length, [("jwt", CustomerIds.Length)], []),
        new("POST", "/v2/carts", 2, [("api-key", 2)], []),
        new("GET", "/v2/profile", 2, [("session-cookie", 2)], []),
        new("GET", "/v2/reports", 1, [("api-key", 1)], ["secret"]),
        new("PUT", "/v2/settings", 1, [("basic", 1)], []),
    ];

    public static int TotalRequests => Expected.Sum(endpoint => endpoint.Requests);

    /// <summary>Streams every entry (in two messages, as Envoy batches them) and waits for the service's response.</summary>
    public static async Task SendAsync(int port)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new AccessLogService.AccessLogServiceClient(channel);
        using var call = client.StreamAccessLogs();
        var entries = Entries().ToList();
        int half = entries.Count / 2;
        await call.RequestStream.WriteAsync(Message(Identifier(), entries.Take(half))).WaitAsync(TimeSpan.FromSeconds(60));
        await call.RequestStream.WriteAsync(Message(null, entries.Skip(half))).WaitAsync(TimeSpan.FromSeconds(60));
        await call.RequestStream.CompleteAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static IEnumerable<HTTPAccessLogEntry> Entries()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-30);
        int sequence = 0;
        HTTPAccessLogEntry Next(RequestMethod method, string path, uint status, params (string Name, string Value)[] headers) =>
            Entry(start.AddMilliseconds(40 * sequence), sequence++, method, path, status, headers);

        foreach (int id in CustomerIds)
        {
            yield return Next(RequestMethod.Get, $"/v2/customers/{id}", 200, ("authorization", $"Bearer {PlantedSecrets.AccessLogJwt}"));
        }
        yield return Next(RequestMethod.Post, "/v2/carts", 201, ("x-api-key", PlantedSecrets.AccessLogApiKey), ("content-type", "application/json"));
        yield return Next(RequestMethod.Post, "/v2/carts", 201, ("x-api-key", PlantedSecrets.AccessLogApiKey), ("content-type", "application/json"));
        yield return Next(RequestMethod.Get, "/v2/profile", 200, ("cookie", $"session={PlantedSecrets.AccessLogCookie}; theme=dark"));
        yield return Next(RequestMethod.Get, "/v2/profile", 200, ("cookie", $"session={PlantedSecrets.AccessLogCookie}; theme=dark"));
        yield return Next(RequestMethod.Get, $"/v2/reports?api_key={PlantedSecrets.AccessLogQueryKey}&period=week", 200);
        yield return Next(RequestMethod.Put, "/v2/settings", 204, ("authorization", $"Basic {PlantedSecrets.AccessLogBasicCredential}"));
    }

    private static HTTPAccessLogEntry Entry(DateTimeOffset start, int sequence, RequestMethod method, string path, uint status,
        (string Name, string Value)[] headers)
    {
        var entry = new HTTPAccessLogEntry
        {
            ProtocolVersion = HttpVersion.Http11,
            CommonProperties = new AccessLogCommon
            {
                SampleRate = 1,
                DownstreamRemoteAddress = Socket(ClientAddress, 41000 + sequence),
                DownstreamDirectRemoteAddress = Socket(ClientAddress, 41000 + sequence),
                DownstreamLocalAddress = Socket(UpstreamAddress, 15006),
                UpstreamRemoteAddress = Socket(UpstreamAddress, 8080),
                UpstreamLocalAddress = Socket("127.0.0.6", 52000 + sequence),
                UpstreamCluster = "inbound|8080||",
                RouteName = "default",
                StartTime = Timestamp.FromDateTimeOffset(start),
                TimeToLastRxByte = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(1)),
                TimeToFirstDownstreamTxByte = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(8)),
                TimeToLastDownstreamTxByte = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(9)),
                Duration = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(9)),
            },
            Request = new HTTPRequestProperties
            {
                RequestMethod = method,
                Scheme = "http",
                Authority = Host,
                Path = path,
                UserAgent = "okhttp/4.12.0",
                RequestId = $"7c1d2a9e-0000-4f7e-9b21-{sequence:D12}",
                ForwardedFor = ClientAddress,
                RequestHeadersBytes = 380,
                RequestBodyBytes = method is RequestMethod.Post or RequestMethod.Put ? 64UL : 0UL,
            },
            Response = new HTTPResponseProperties
            {
                ResponseCode = status,
                ResponseHeadersBytes = 160,
                ResponseBodyBytes = status == 204 ? 0UL : 420UL,
            },
        };
        foreach (var (name, value) in headers)
        {
            entry.Request.RequestHeaders[name] = value;
        }
        entry.Response.ResponseHeaders["content-type"] = "application/json";
        return entry;
    }

    private static StreamAccessLogsMessage.Types.Identifier Identifier() => new()
    {
        Node = new Node
        {
            Id = "sidecar~198.51.100.200~orders-5c8d7-k2x9q.shop~shop.svc.cluster.local",
            Cluster = "orders.shop",
            UserAgentName = "envoy",
            UserAgentVersion = "1.31.2",
        },
        LogName = "apisentinel",
    };

    private static StreamAccessLogsMessage Message(StreamAccessLogsMessage.Types.Identifier? identifier, IEnumerable<HTTPAccessLogEntry> entries)
    {
        var message = new StreamAccessLogsMessage { Identifier = identifier, HttpLogs = new StreamAccessLogsMessage.Types.HTTPAccessLogEntries() };
        message.HttpLogs.LogEntry.AddRange(entries);
        return message;
    }

    private static Address Socket(string ip, int port) => new() { SocketAddress = new SocketAddress { Address = ip, PortValue = (uint)port } };
}
