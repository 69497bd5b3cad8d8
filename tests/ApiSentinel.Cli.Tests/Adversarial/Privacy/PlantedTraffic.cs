using System.Text.Json.Nodes;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Cli.Tests.Adversarial.Privacy;

/// <summary>
/// Generated traffic and the markers planted in it. Placements call <see cref="Plant(string, string)"/> for
/// each value they put somewhere and <see cref="Add"/> for each exchange; the traffic is then written as a pcap
/// (one TCP connection per exchange, segmented, with handshake and FIN) or as a HAR file.
/// </summary>
internal sealed class PlantedTraffic(int seed)
{
    public const string Host = "api.shop.example";
    private const int SegmentSize = 700;
    private readonly List<Marker> _markers = [];
    private readonly List<PlantedExchange> _exchanges = [];

    public int Seed { get; } = seed;

    public MarkerFactory Values { get; } = new(seed);

    public IReadOnlyList<Marker> Markers => _markers;

    public IReadOnlyList<PlantedExchange> Exchanges => _exchanges;

    /// <summary>A new value of <paramref name="kind"/>, recorded as planted at <paramref name="location"/>.</summary>
    public string Plant(string kind, string location) => Plant(kind, location, Values.OfKind(kind));

    /// <summary>Records a value made by the placement itself (a user name, a <c>user:password</c> pair, a dashed card number).</summary>
    public string Plant(string kind, string location, string value)
    {
        _markers.Add(new Marker(kind, location, value));
        return value;
    }

    public void Add(PlantedExchange exchange) => _exchanges.Add(exchange);

    public void WritePcap(string path)
    {
        using var pcap = PcapWriter.Create(path);
        var micros = 1_764_000_000_000_000L + Seed * 1_000_000_000L;
        for (var i = 0; i < _exchanges.Count; i++)
        {
            var client = $"192.0.2.{10 + i % 200}:{40000 + i}";
            const string server = "198.51.100.20:80";
            uint c = 1000, s = 5000;
            pcap.Write(TestFrames.EthernetIPv4Tcp(client, server, c++, 0, TcpFlags.Syn), micros += 100);
            pcap.Write(TestFrames.EthernetIPv4Tcp(server, client, s++, c, TcpFlags.Syn | TcpFlags.Ack), micros += 100);
            pcap.Write(TestFrames.EthernetIPv4Tcp(client, server, c, s, TcpFlags.Ack), micros += 100);
            c = Send(pcap, client, server, c, s, _exchanges[i].RequestBytes(), ref micros);
            s = Send(pcap, server, client, s, c, _exchanges[i].ResponseBytes(), ref micros);
            pcap.Write(TestFrames.EthernetIPv4Tcp(client, server, c, s, TcpFlags.Fin | TcpFlags.Ack), micros += 100);
            pcap.Write(TestFrames.EthernetIPv4Tcp(server, client, s, c + 1, TcpFlags.Fin | TcpFlags.Ack), micros += 100);
            pcap.Write(TestFrames.EthernetIPv4Tcp(client, server, c + 1, s + 1, TcpFlags.Ack), micros += 100);
        }
    }

    private static uint Send(PcapWriter pcap, string from, string to, uint seq, uint ack, byte[] data, ref long micros)
    {
        for (var offset = 0; offset < data.Length; offset += SegmentSize)
        {
            var length = Math.Min(SegmentSize, data.Length - offset);
            pcap.Write(TestFrames.EthernetIPv4Tcp(from, to, seq, ack, TcpFlags.Ack | TcpFlags.Psh, data.AsSpan(offset, length)), micros += 100);
            seq += (uint)length;
        }
        return seq;
    }

    /// <summary>Writes the exchanges a HAR can express; returns how many.</summary>
    public int WriteHar(string path)
    {
        var entries = new JsonArray();
        var started = DateTimeOffset.FromUnixTimeSeconds(1_764_000_000 + Seed * 1000L);
        foreach (var e in _exchanges.Where(e => e.HarUrl is not null))
        {
            started = started.AddMilliseconds(5);
            var request = new JsonObject
            {
                ["method"] = e.Method,
                ["url"] = e.HarUrl,
                ["httpVersion"] = "HTTP/1.1",
                ["headers"] = Headers(e.RequestHeaders),
                ["cookies"] = Cookies(e.RequestHeaders),
                ["queryString"] = QueryString(e.HarUrl!),
                ["headersSize"] = -1,
                ["bodySize"] = e.RequestBody?.Length ?? 0,
            };
            if (e.RequestBody is not null)
            {
                var mime = e.RequestHeaders.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "";
                request["postData"] = new JsonObject { ["mimeType"] = mime, ["text"] = e.RequestBody };
            }
            var responseMime = e.ResponseHeaders.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "";
            entries.Add(new JsonObject
            {
                ["startedDateTime"] = started.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["time"] = 3.5,
                ["serverIPAddress"] = "198.51.100.20",
                ["request"] = request,
                ["response"] = new JsonObject
                {
                    ["status"] = e.Status,
                    ["statusText"] = "OK",
                    ["httpVersion"] = "HTTP/1.1",
                    ["headers"] = Headers(e.ResponseHeaders),
                    ["cookies"] = new JsonArray(),
                    ["content"] = new JsonObject { ["size"] = e.ResponseBody?.Length ?? 0, ["mimeType"] = responseMime, ["text"] = e.ResponseBody ?? "" },
                    ["redirectURL"] = "",
                    ["headersSize"] = -1,
                    ["bodySize"] = e.ResponseBody?.Length ?? 0,
                },
                ["cache"] = new JsonObject(),
                ["timings"] = new JsonObject { ["send"] = 0.5, ["wait"] = 2.5, ["receive"] = 0.5 },
            });
        }
        var har = new JsonObject
        {
            ["log"] = new JsonObject
            {
                ["version"] = "1.2",
                ["creator"] = new JsonObject { ["name"] = "apisentinel-privacy-harness", ["version"] = "1" },
                ["entries"] = entries,
            },
        };
        File.WriteAllText(path, har.ToJsonString());
        return entries.Count;
    }

    private static JsonArray Headers(List<(string Name, string Value)> headers) =>
        new(headers.Select(h => (JsonNode)new JsonObject { ["name"] = h.Name, ["value"] = h.Value }).ToArray());

    private static JsonArray Cookies(List<(string Name, string Value)> headers) => new(headers
        .Where(h => h.Name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
        .SelectMany(h => h.Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        .Select(pair => pair.Split('=', 2))
        .Select(p => (JsonNode)new JsonObject { ["name"] = p[0], ["value"] = p.Length > 1 ? p[1] : "" })
        .ToArray());

    private static JsonArray QueryString(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return [];
        }
        return new JsonArray(url[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(p => (JsonNode)new JsonObject { ["name"] = Uri.UnescapeDataString(p[0]), ["value"] = p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "" })
            .ToArray());
    }
}
