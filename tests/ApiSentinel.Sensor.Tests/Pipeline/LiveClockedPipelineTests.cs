using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Pipeline;
using ApiSentinel.Sensor.Reassembly;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Tests.Pipeline;

/// <summary>
/// The pipeline on a live veth whose connections go quiet: the capture's clock ticks alone must release a finished
/// exchange stuck behind a long poll (order-wait bound) and expire the idle connections. Sockets stay open, so no
/// FIN or RST can be what closes them.
/// </summary>
public sealed class LiveClockedPipelineTests
{
    private const int Port = 18090;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [NetnsFact]
    public void On_a_quiet_link_ticks_release_waiting_exchanges_and_expire_idle_connections()
    {
        using var network = NetworkNamespacePair.Create();
        using var server = network.StartInNamespace("python3", "-c", HoldingServer, network.NamespaceAddress.ToString(),
            Port.ToString(CultureInfo.InvariantCulture));
        try
        {
            TcpPort.WaitUntilOpen(network.NamespaceAddress.ToString(), Port, TimeSpan.FromSeconds(10));
            var records = new ConcurrentQueue<ExchangeRecord>();
            var options = new SensorOptions
            {
                MaxOrderWaitMicros = SensorOptions.LiveMaxOrderWaitMicros,
                Reassembly = new ReassemblyOptions { IdleTimeout = TimeSpan.FromSeconds(3) },
            };
            var pipeline = new TrafficPipeline(options, records.Enqueue);
            using var source = new LiveCaptureSource(new LiveCaptureOptions { Device = network.HostInterface, Filter = $"tcp port {Port}" });
            using var stop = new CancellationTokenSource();
            var capture = Task.Factory.StartNew(() => pipeline.Run(source, stop.Token), TaskCreationOptions.LongRunning);
            Thread.Sleep(700); // let libpcap attach before the first SYN

            using var poll = Connect(network);
            Send(poll, "GET /events/poll HTTP/1.1\r\nHost: test\r\n\r\n"); // never answered
            using var quick = Connect(network);
            Send(quick, "GET /items HTTP/1.1\r\nHost: test\r\n\r\n");
            ReadResponse(quick);

            // 1. The finished exchange leaves behind the unanswered one, with no packet after its response.
            var waited = Stopwatch.StartNew();
            while (records.IsEmpty && waited.Elapsed < Patience)
            {
                Thread.Sleep(50);
            }
            Assert.Equal(["/items"], records.Select(r => r.Path));
            Assert.Equal(1, pipeline.Statistics.Orderer!.PassedOverByWait);

            // 2. Both connections, open but silent, expire on the clock; the poll is delivered unanswered.
            while ((pipeline.Statistics.Reassembly.IdleTimeouts < 2 || records.Count < 2) && waited.Elapsed < Patience)
            {
                Thread.Sleep(50);
            }
            stop.Cancel();
            Assert.True(capture.Wait(Patience), "live capture did not stop");

            Assert.True(capture.IsCompletedSuccessfully, $"{capture.Status} {capture.Exception}");
            Assert.Equal(2, pipeline.Statistics.Reassembly.IdleTimeouts);
            Assert.Equal(0, pipeline.Statistics.Reassembly.ActiveConnections);
            Assert.Equal(["/items", "/events/poll"], records.Select(r => r.Path));
            Assert.Null(records.Last().Status);
            Assert.Equal(0, pipeline.Statistics.InternalErrors);
            Assert.Equal(0, source.Statistics.HandlerErrors);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit();
            }
        }
    }

    /// <summary>Answers every request except /events/poll, and never closes a connection.</summary>
    private const string HoldingServer = """
        import socket, sys, threading, time
        def serve(c):
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = c.recv(65536)
                if not chunk:
                    return
                data += chunk
            if b"/events/poll" not in data:
                c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
            time.sleep(600)
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((sys.argv[1], int(sys.argv[2])))
        s.listen(8)
        while True:
            c, _ = s.accept()
            threading.Thread(target=serve, args=(c,), daemon=True).start()
        """;

    private static TcpClient Connect(NetworkNamespacePair network)
    {
        var client = new TcpClient();
        client.Connect(network.NamespaceAddress, Port);
        return client;
    }

    private static void Send(TcpClient client, string request) => client.GetStream().Write(Encoding.ASCII.GetBytes(request));

    private static void ReadResponse(TcpClient client)
    {
        client.ReceiveTimeout = (int)Patience.TotalMilliseconds;
        var buffer = new byte[4096];
        var received = new StringBuilder();
        while (!received.ToString().EndsWith("{}", StringComparison.Ordinal))
        {
            int n = client.GetStream().Read(buffer);
            Assert.True(n > 0, "the server closed the connection");
            received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
    }
}
