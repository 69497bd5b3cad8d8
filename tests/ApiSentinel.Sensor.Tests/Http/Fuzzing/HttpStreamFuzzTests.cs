using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Http.Fuzzing;

/// <summary>
/// A seeded mutation fuzzer straight at the HTTP/1 layer (role sniffing, start lines, heads, chunked and encoded
/// bodies, pipelining, interim responses, protocol switches): mutated conversations are fed to handlers from one
/// shared factory in random slices, with random gaps, ends of stream and close reasons. Checked after every
/// conversation: no exception, every started ticket completed exactly once, and every byte of inspection memory
/// and every pending-request charge given back. Long pass: <c>APISENTINEL_FUZZ_SECONDS=300</c> (see CaptureFuzzTests).
/// </summary>
public sealed class HttpStreamFuzzTests
{
    private const int SuiteIterations = 3_000;

    private static readonly string[] ClientSeeds =
    [
        "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b?x=1 HTTP/1.1\r\nHost: h\r\n\r\n",
        "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n5\r\n{\"a\":\r\n3;ext=1\r\n12}\r\n0\r\nTrailer: x\r\n\r\n",
        "POST /u HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello",
        "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x05hello",
        "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n\x16\x03\x01",
        "GET /\r\n",
        "HEAD /h HTTP/1.0\r\nX-Folded: a\r\n b\r\n\r\n",
        "POST /z HTTP/1.1\r\nContent-Length: 10\r\nContent-Length: 12\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ];

    private static readonly string[] ServerSeeds =
    [
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x02hi",
        "HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x01\x00",
        "hello HTTP/0.9 body",
        "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close",
        "HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n",
    ];

    private static byte[] Encoded(string coding)
    {
        var plain = Encoding.ASCII.GetBytes("{\"list\":[" + string.Join(',', Enumerable.Range(0, 300).Select(i => $"{{\"id\":{i}}}")) + "]}");
        using var output = new MemoryStream();
        using (Stream encoder = coding == "br" ? new BrotliStream(output, CompressionLevel.Fastest, true)
                   : coding == "gzip" ? new GZipStream(output, CompressionLevel.Fastest, true)
                   : new ZLibStream(output, CompressionLevel.Fastest, true))
        {
            encoder.Write(plain);
        }
        var body = output.ToArray();
        return [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Encoding: {coding}\r\nContent-Length: {body.Length}\r\n\r\n"), .. body];
    }

    [Fact]
    public void Mutated_conversations_in_random_slices_break_nothing_and_leak_no_budget()
    {
        var seconds = Environment.GetEnvironmentVariable("APISENTINEL_FUZZ_SECONDS") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 0;
        var seed = Environment.GetEnvironmentVariable("APISENTINEL_FUZZ_SEED") is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : 6;
        var random = new Random(seed);
        var clients = ClientSeeds.Select(Encoding.Latin1.GetBytes).ToList();
        var servers = ServerSeeds.Select(Encoding.Latin1.GetBytes).Concat([Encoded("gzip"), Encoded("deflate"), Encoded("br")]).ToList();
        var options = new Http1Options
        {
            BodyInspectionLimit = 1024,
            InspectionBudgetBytes = 8 * 1024,
            MaxPendingRequestBytes = 24 * 1024,
            MaxInFlightRequests = 3,
            MaxHeaderBytes = 512,
        };
        var sink = new RecordingSink();
        var counters = new HttpCounters();
        var factory = new Http1ConnectionHandlerFactory(options, sink, counters);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var iterations = 0;
        while (seconds > 0 ? clock.Elapsed.TotalSeconds < seconds : iterations < SuiteIterations)
        {
            var client = Mutate(Concat(clients, random), random, clients);
            var server = Mutate(Concat(servers, random), random, servers);
            var handshake = random.Next(2) == 0;
            var info = new ConnectionInfo(iterations + 1, new NetEndpoint(NetAddress.Parse("192.0.2.1"), 40000),
                new NetEndpoint(NetAddress.Parse("198.51.100.1"), 80), 1, handshake);
            try
            {
                Converse(factory.Create(info), client, server, random);
            }
#pragma warning disable CA1031 // every escape is a finding
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add($"{e.GetType().Name} at {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()} (iteration {iterations}, seed {seed})");
            }
            if (sink.OpenTickets != 0 || sink.Violations.Count != 0 || factory.Inspection.HeldBytes != 0 || factory.Pending.HeldBytes != 0)
            {
                failures.Add($"after close: {sink.OpenTickets} open tickets, {sink.Violations.Count} violations, " +
                             $"{factory.Inspection.HeldBytes} inspection bytes, {factory.Pending.HeldBytes} pending bytes held (iteration {iterations}, seed {seed})");
                break;
            }
            sink.Completed.Clear();
            iterations++;
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures in {iterations} conversations:\n" + string.Join('\n', failures.Distinct().Take(20)));
    }

    private static byte[] Concat(List<byte[]> seeds, Random random)
    {
        var parts = new List<byte>();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            parts.AddRange(seeds[random.Next(seeds.Count)]);
        }
        return [.. parts];
    }

    private static byte[] Mutate(byte[] bytes, Random random, List<byte[]> seeds)
    {
        var list = bytes.ToList();
        for (var i = random.Next(0, 6); i > 0 && list.Count > 0; i--)
        {
            var at = random.Next(list.Count);
            switch (random.Next(6))
            {
                case 0:
                    list[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    list[at] = "\r\n :;0123456789abcdefHTTP/1.GET"u8[random.Next(31)];
                    break;
                case 2:
                    list.RemoveRange(at, Math.Min(random.Next(1, 16), list.Count - at));
                    break;
                case 3:
                    list.InsertRange(at, Encoding.ASCII.GetBytes(random.Next(3) switch { 0 => "\r\n", 1 => "ffffffffffffffff", _ => "Content-Length: 99999999999\r\n" }));
                    break;
                case 4:
                    var other = seeds[random.Next(seeds.Count)];
                    var from = random.Next(other.Length);
                    list.InsertRange(at, other.Skip(from).Take(random.Next(1, 64)));
                    break;
                default:
                    list.InsertRange(at, list.Skip(at).Take(random.Next(1, 32)).ToList());
                    break;
            }
        }
        return [.. list];
    }

    /// <summary>Interleaves the two directions in random slices, with the odd gap, then ends the connection somehow.</summary>
    private static void Converse(ITcpStreamHandler handler, byte[] client, byte[] server, Random random)
    {
        int c = 0, s = 0;
        long now = 10;
        while (c < client.Length || s < server.Length)
        {
            var fromClient = s >= server.Length || (c < client.Length && random.Next(2) == 0);
            ref var position = ref fromClient ? ref c : ref s;
            var data = fromClient ? client : server;
            var direction = fromClient ? FlowDirection.ClientToServer : FlowDirection.ServerToClient;
            var take = Math.Min(data.Length - position, random.Next(1, 200));
            if (random.Next(40) == 0)
            {
                handler.OnGap(direction, take, now);
            }
            else
            {
                handler.OnData(direction, data.AsSpan(position, take), now);
            }
            position += take;
            now += random.Next(3);
        }
        if (random.Next(2) == 0)
        {
            handler.OnEndOfStream(FlowDirection.ClientToServer, now);
        }
        if (random.Next(2) == 0)
        {
            handler.OnEndOfStream(FlowDirection.ServerToClient, now);
        }
        handler.OnClose((CloseReason)random.Next(5), now);
    }
}
