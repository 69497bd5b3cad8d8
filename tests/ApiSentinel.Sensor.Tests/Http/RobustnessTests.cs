using System.Text;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Http;

public class RobustnessTests
{
    private static readonly string[] s_requestPieces =
    [
        "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "POST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
        "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n",
        "HEAD /h HTTP/1.1\r\n\r\n",
        "GET /09\r\n",
        "GET HTTP/1.1\r\n\r\n",
        "CONNECT h:443 HTTP/1.1\r\n\r\n",
        "GET /u HTTP/1.1\r\nUpgrade: websocket\r\n\r\n",
        "PUT /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok",
        "GET /f HTTP/1.1\r\nX: a\r\n  b\r\n\r\n",
        "garbage\r\n",
    ];

    private static readonly string[] s_responsePieces =
    [
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc",
        "HTTP/1.1 100 Continue\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n\r\n",
        "HTTP/1.1 204 No Content\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwxyz\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n\x1f\x8b\x08\x00",
        "HTTP/1.0 200 OK\r\n\r\nclose-delimited",
        "HTTP/1.1 304 Not Modified\r\n\r\n",
        "\x00\xff junk",
    ];

    [Fact]
    public void Splitting_at_every_byte_gives_the_same_transactions()
    {
        Http1Harness.RunBothWays(h =>
        {
            foreach (var request in s_requestPieces.Take(6))
            {
                h.Client(request);
            }
            h.Server(s_responsePieces[0]).Server(s_responsePieces[4]).Server(s_responsePieces[3]).Server(s_responsePieces[7]);
            h.Client(s_requestPieces[8]).Server(s_responsePieces[1]).Server(s_responsePieces[0]);
            h.Server(s_responsePieces[6]).EndOfStream(FlowDirection.ServerToClient).Close();
        });
    }

    [Fact]
    public void Every_split_point_of_a_conversation_gives_the_same_transactions()
    {
        var client = Encoding.Latin1.GetBytes(string.Concat(s_requestPieces[..4]) + s_requestPieces[9]);
        var server = Encoding.Latin1.GetBytes(s_responsePieces[0] + s_responsePieces[4] + s_responsePieces[3]);
        var reference = new Http1Harness();
        reference.Client(client).Server(server).Close();
        var expected = Http1Harness.Describe(reference.Transactions);

        for (var split = 1; split < client.Length; split++)
        {
            var h = new Http1Harness();
            h.Client(client[..split]).Client(client[split..]).Server(server).Close();
            Assert.Equal(expected, Http1Harness.Describe(h.Transactions));
        }
        for (var split = 1; split < server.Length; split++)
        {
            var h = new Http1Harness();
            h.Client(client).Server(server[..split]).Server(server[split..]).Close();
            Assert.Equal(expected, Http1Harness.Describe(h.Transactions));
        }
    }

    [Fact]
    public void Random_and_mutated_input_never_throws_and_every_ticket_completes_once()
    {
        var random = new Random(20240611);
        var options = new Http1Options { MaxHeaderBytes = 512, MaxInFlightRequests = 4, BodyInspectionLimit = 64 };
        for (var round = 0; round < 400; round++)
        {
            var h = new Http1Harness(options, handshakeSeen: random.Next(2) == 0);
            var steps = random.Next(1, 30);
            for (var s = 0; s < steps; s++)
            {
                var direction = random.Next(2) == 0 ? FlowDirection.ClientToServer : FlowDirection.ServerToClient;
                switch (random.Next(10))
                {
                    case 0:
                        h.Gap(direction, random.Next(1, 5000));
                        break;
                    case 1:
                        var noise = new byte[random.Next(1, 300)];
                        random.NextBytes(noise);
                        h.Send(direction, noise);
                        break;
                    case 2:
                        if (random.Next(8) == 0)
                        {
                            h.EndOfStream(direction);
                        }
                        break;
                    default:
                        var pieces = direction == FlowDirection.ClientToServer ? s_requestPieces : s_responsePieces;
                        var bytes = Encoding.Latin1.GetBytes(pieces[random.Next(pieces.Length)]);
                        Mutate(random, bytes);
                        var at = 0;
                        while (at < bytes.Length)
                        {
                            var n = random.Next(1, bytes.Length - at + 1);
                            h.Send(direction, bytes[at..(at + n)]);
                            at += n;
                        }
                        break;
                }
            }
            h.Close((CloseReason)random.Next(5));
            Assert.Equal(h.Sink.StartTimestamps.Count, h.Sink.Completed.Count);
            Assert.Equal(h.Sink.Completed.Count, h.Sink.Completed.Select(t => t.Ticket).Distinct().Count());
        }
    }

    [Fact]
    public void Mutated_streams_parse_the_same_whole_and_byte_by_byte()
    {
        var random = new Random(424242);
        var options = new Http1Options { MaxHeaderBytes = 300, MaxInFlightRequests = 5, BodyInspectionLimit = 32 };
        for (var round = 0; round < 150; round++)
        {
            var client = Stream(random, s_requestPieces);
            var server = Stream(random, s_responsePieces);
            Http1Harness.RunBothWays(h => h.Client(client).Server(server).EndOfStream(FlowDirection.ServerToClient).Close(), options);
        }
    }

    private static byte[] Stream(Random random, string[] pieces)
    {
        var bytes = new List<byte>();
        var count = random.Next(1, 8);
        for (var i = 0; i < count; i++)
        {
            var piece = Encoding.Latin1.GetBytes(pieces[random.Next(pieces.Length)]);
            Mutate(random, piece);
            bytes.AddRange(piece);
        }
        return [.. bytes];
    }

    [Fact]
    public void Calls_after_close_are_ignored()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\n\r\n").Close();
        h.Handler.OnData(FlowDirection.ServerToClient, "HTTP/1.1 200 OK\r\n\r\n"u8, 5);
        h.Handler.OnGap(FlowDirection.ClientToServer, 10, 5);
        h.Handler.OnClose(CloseReason.Fin, 6);

        Assert.Single(h.Sink.Completed);
    }

    private static void Mutate(Random random, byte[] bytes)
    {
        var mutations = random.Next(4);
        for (var i = 0; i < mutations && bytes.Length > 0; i++)
        {
            var at = random.Next(bytes.Length);
            bytes[at] = random.Next(3) switch
            {
                0 => (byte)random.Next(256),
                1 => (byte)"\r\n: ;0F"[random.Next(7)],
                _ => (byte)'9',
            };
        }
    }
}
