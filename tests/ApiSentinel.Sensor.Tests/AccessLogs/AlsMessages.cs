using ApiSentinel.Ingest.Envoy.Config.Core.V3;
using ApiSentinel.Ingest.Envoy.Data.AccessLog.V3;
using ApiSentinel.Ingest.Envoy.Service.AccessLog.V3;
using Google.Protobuf.WellKnownTypes;
using HttpVersion = ApiSentinel.Ingest.Envoy.Data.AccessLog.V3.HTTPAccessLogEntry.Types.HTTPVersion;

namespace ApiSentinel.Sensor.Tests.AccessLogs;

/// <summary>
/// Access-log messages shaped like what an Istio sidecar's Envoy sends: the identifier (node) in the first message,
/// entries with downstream and upstream addresses, start time and durations, the fixed request fields and the
/// logged header maps.
/// </summary>
internal static class AlsMessages
{
    public const string ClientAddress = "192.0.2.10";
    public const int ClientPort = 51234;
    public const string UpstreamAddress = "198.51.100.20";
    public const int UpstreamPort = 8080;
    public const string ListenerAddress = "198.51.100.5";
    public const int ListenerPort = 15006;

    /// <summary>2026-03-01T12:00:00.250Z.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, 250, TimeSpan.Zero);

    public static long StartMicros => (Start - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    public static StreamAccessLogsMessage.Types.Identifier Identifier() => new()
    {
        Node = new Node
        {
            Id = "sidecar~198.51.100.20~orders-7d9f8c-x2k4p.shop~shop.svc.cluster.local",
            Cluster = "orders.shop",
            UserAgentName = "envoy",
            UserAgentVersion = "1.31.2",
        },
        LogName = "apisentinel-als",
    };

    public static Address Socket(string ip, int port) => new() { SocketAddress = new SocketAddress { Address = ip, PortValue = (uint)port } };

    /// <summary>A final HTTP/1.1 entry for one exchange that went through the sidecar to the upstream pod.</summary>
    public static HTTPAccessLogEntry Http(RequestMethod method, string authority, string path, uint status,
        params (string Name, string Value)[] requestHeaders)
    {
        var entry = new HTTPAccessLogEntry
        {
            ProtocolVersion = HttpVersion.Http11,
            CommonProperties = new AccessLogCommon
            {
                SampleRate = 1,
                DownstreamRemoteAddress = Socket(ClientAddress, ClientPort),
                DownstreamDirectRemoteAddress = Socket(ClientAddress, ClientPort),
                DownstreamLocalAddress = Socket(ListenerAddress, ListenerPort),
                UpstreamRemoteAddress = Socket(UpstreamAddress, UpstreamPort),
                UpstreamLocalAddress = Socket("198.51.100.5", 43512),
                UpstreamCluster = "inbound|8080||",
                RouteName = "default",
                StartTime = Timestamp.FromDateTimeOffset(Start),
                TimeToLastRxByte = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(1)),
                TimeToFirstDownstreamTxByte = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(11)),
                TimeToLastDownstreamTxByte = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(12)),
                Duration = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(12)),
            },
            Request = new HTTPRequestProperties
            {
                RequestMethod = method,
                Scheme = "http",
                Authority = authority,
                Path = path,
                UserAgent = "okhttp/4.12.0",
                RequestId = "6f1c2b9e-3d4a-4f7e-9b21-0c8d5e7a1f32",
                ForwardedFor = ClientAddress,
                RequestHeadersBytes = 412,
                RequestBodyBytes = method is RequestMethod.Post or RequestMethod.Put ? 87UL : 0UL,
            },
            Response = new HTTPResponseProperties
            {
                ResponseCode = status,
                ResponseHeadersBytes = 180,
                ResponseBodyBytes = 1536,
            },
        };
        foreach (var (name, value) in requestHeaders)
        {
            entry.Request.RequestHeaders[name] = value;
        }
        entry.Response.ResponseHeaders["content-type"] = "application/json";
        entry.Response.ResponseHeaders["x-envoy-upstream-service-time"] = "10";
        return entry;
    }

    public static StreamAccessLogsMessage HttpLogs(StreamAccessLogsMessage.Types.Identifier? identifier, params HTTPAccessLogEntry[] entries)
    {
        var message = new StreamAccessLogsMessage { Identifier = identifier, HttpLogs = new StreamAccessLogsMessage.Types.HTTPAccessLogEntries() };
        message.HttpLogs.LogEntry.AddRange(entries);
        return message;
    }

    public static StreamAccessLogsMessage TcpLogs(int count)
    {
        var message = new StreamAccessLogsMessage { TcpLogs = new StreamAccessLogsMessage.Types.TCPAccessLogEntries() };
        for (var i = 0; i < count; i++)
        {
            message.TcpLogs.LogEntry.Add(new TCPAccessLogEntry
            {
                CommonProperties = new AccessLogCommon { DownstreamRemoteAddress = Socket(ClientAddress, 40000 + i) },
                ConnectionProperties = new ConnectionProperties { ReceivedBytes = 512, SentBytes = 2048 },
            });
        }
        return message;
    }
}
