using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Tests.Capture;

/// <summary>
/// Live capture for real: a TCP server in a network namespace, a client in the root namespace, capture on the
/// root-side veth end.
/// </summary>
public sealed class LiveCaptureSourceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [NetnsFact]
    public void Captures_the_handshake_and_the_payload_of_a_connection_through_a_bpf_filter() =>
        CapturesHandshakeAndPayload(LiveCaptureOptions.DefaultBufferTimeoutMilliseconds, port: 18080);

    [NetnsFact]
    public void Captures_the_same_in_immediate_mode() => CapturesHandshakeAndPayload(holdMilliseconds: 0, port: 18083);

    [NetnsFact]
    public void A_stop_delivers_the_packets_libpcap_still_holds()
    {
        using var network = NetworkNamespacePair.Create();
        const int port = 18082;
        using var server = StartEchoServer(network, port);
        // The longest hold: the block the kernel fills retires only on its timer, long after the stop below.
        using var source = new LiveCaptureSource(new LiveCaptureOptions
        {
            Device = network.HostInterface,
            Filter = $"tcp port {port}",
            BufferTimeoutMilliseconds = LiveCaptureOptions.MaxBufferTimeoutMilliseconds,
        });
        var sink = new SegmentCollector();
        using var cancellation = new CancellationTokenSource();
        var capture = Task.Factory.StartNew(() => source.Run(sink, cancellation.Token), TaskCreationOptions.LongRunning);

        byte[] request = Encoding.ASCII.GetBytes("GET /apisentinel-held-block HTTP/1.1\r\nHost: test\r\n\r\n");
        Assert.Equal(request, ExchangeWithServer(network, port, request));
        // Stop as soon as the exchange is over: its packets are in the ring, most likely in a block still held.
        cancellation.Cancel();
        Assert.True(capture.Wait(Patience), "the capture loop ends on cancellation");

        Assert.True(capture.IsCompletedSuccessfully, $"{capture.Status} {capture.Exception}");
        Assert.True(sink.HasPayload(request, count: 2), "both directions of the exchange are delivered before Run returns");
        var serverEndpoint = new NetEndpoint(NetAddress.FromIPAddress(network.NamespaceAddress), port);
        Assert.Contains(sink.Snapshot(), s => (s.Flags & TcpFlags.Fin) != 0 && s.Source == serverEndpoint);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(LiveCaptureOptions.MaxBufferTimeoutMilliseconds + 1)]
    public void A_hold_out_of_range_is_refused(int holdMilliseconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new LiveCaptureSource(new LiveCaptureOptions { Device = "lo", BufferTimeoutMilliseconds = holdMilliseconds }));

    private static void CapturesHandshakeAndPayload(int holdMilliseconds, ushort port)
    {
        using var network = NetworkNamespacePair.Create();
        using var server = StartEchoServer(network, port);
        using var source = new LiveCaptureSource(new LiveCaptureOptions
        {
            Device = network.HostInterface,
            Filter = $"tcp port {port}",
            BufferTimeoutMilliseconds = holdMilliseconds,
        });
        var sink = new SegmentCollector();
        using var cancellation = new CancellationTokenSource();
        var capture = Task.Factory.StartNew(() => source.Run(sink, cancellation.Token), TaskCreationOptions.LongRunning);

        byte[] request = Encoding.ASCII.GetBytes("GET /apisentinel-live-capture HTTP/1.1\r\nHost: test\r\n\r\n");
        byte[] reply = ExchangeWithServer(network, port, request);
        Assert.Equal(request, reply);

        // Until the capture has seen the payload in both directions (bounded wait, not a timing assertion).
        var deadline = Stopwatch.StartNew();
        while (!sink.HasPayload(request, count: 2) && deadline.Elapsed < Patience)
        {
            Thread.Sleep(20);
        }
        cancellation.Cancel();
        capture.Wait(Patience);

        Assert.True(capture.IsCompletedSuccessfully, $"the capture loop ends on cancellation: {capture.Status} {capture.Exception}");
        Assert.Equal(LinkType.Ethernet, source.LinkType);
        var segments = sink.Snapshot();
        var serverEndpoint = new NetEndpoint(NetAddress.FromIPAddress(network.NamespaceAddress), port);
        Assert.Contains(segments, s => s.Flags == TcpFlags.Syn && s.Destination == serverEndpoint);
        Assert.Contains(segments, s => s.Flags == (TcpFlags.Syn | TcpFlags.Ack) && s.Source == serverEndpoint);
        Assert.Contains(segments, s => s.Destination == serverEndpoint && s.Payload.SequenceEqual(request));
        Assert.Contains(segments, s => s.Source == serverEndpoint && s.Payload.SequenceEqual(request));
        Assert.All(segments, s => Assert.True(s.Source.Port == port || s.Destination.Port == port, "the BPF filter applies"));
        Assert.True(source.Statistics.FramesRead >= segments.Count);
        Assert.Equal(0, source.Statistics.HandlerErrors);
    }

    [NetnsFact]
    public void A_throwing_sink_is_counted_and_capture_goes_on()
    {
        using var network = NetworkNamespacePair.Create();
        const int port = 18081;
        using var server = StartEchoServer(network, port);
        using var source = new LiveCaptureSource(new LiveCaptureOptions { Device = network.HostInterface, Filter = $"tcp port {port}" });
        var sink = new ThrowingSink();
        using var cancellation = new CancellationTokenSource();
        var capture = Task.Factory.StartNew(() => source.Run(sink, cancellation.Token), TaskCreationOptions.LongRunning);

        ExchangeWithServer(network, port, "ping"u8.ToArray());
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref sink.Calls) < 4 && deadline.Elapsed < Patience)
        {
            Thread.Sleep(20);
        }
        cancellation.Cancel();
        capture.Wait(Patience);

        Assert.True(capture.IsCompletedSuccessfully, "the capture loop survives its sink's exceptions");
        Assert.True(sink.Calls >= 4);
        Assert.Equal(sink.Calls, source.Statistics.HandlerErrors);
    }

    [Fact]
    public void A_missing_device_is_a_clear_capture_error()
    {
        var error = Assert.Throws<CaptureException>(() => new LiveCaptureSource(new LiveCaptureOptions { Device = "no-such-nic0" }));
        Assert.StartsWith("capture device 'no-such-nic0' not found (available: ", error.Message, StringComparison.Ordinal);
    }

    [NetnsFact]
    public void A_bad_filter_is_a_clear_capture_error()
    {
        var error = Assert.Throws<CaptureException>(() => new LiveCaptureSource(new LiveCaptureOptions { Device = "lo", Filter = "tcp port banana" }));
        Assert.StartsWith("invalid capture filter 'tcp port banana': ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, LinkType.Ethernet)]
    [InlineData(12, LinkType.Raw)]
    [InlineData(113, LinkType.LinuxSll)]
    [InlineData(276, LinkType.LinuxSll2)]
    [InlineData(0, LinkType.Null)]
    public void Maps_libpcap_data_link_types(int dataLink, LinkType expected) =>
        Assert.Equal(expected, LiveCaptureSource.MapLinkType((PacketDotNet.LinkLayers)dataLink, "dev"));

    [Fact]
    public void An_unsupported_data_link_type_is_a_capture_error()
    {
        var error = Assert.Throws<CaptureException>(() => LiveCaptureSource.MapLinkType(PacketDotNet.LinkLayers.Ieee80211, "wlan0"));
        Assert.StartsWith("wlan0: unsupported link type 105", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A python3 echo server inside the namespace: echoes one connection's bytes back, then closes it.</summary>
    private static ServerProcess StartEchoServer(NetworkNamespacePair network, int port)
    {
        const string script = """
            import socket, sys
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((sys.argv[1], int(sys.argv[2])))
            s.listen(8)
            while True:
                c, _ = s.accept()
                data = c.recv(65536)
                c.sendall(data)
                c.close()
            """;
        return new ServerProcess(network.StartInNamespace("python3", "-c", script, network.NamespaceAddress.ToString(), port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Connects from the root namespace (retrying until the server listens), sends, reads the echo.</summary>
    private static byte[] ExchangeWithServer(NetworkNamespacePair network, int port, byte[] request)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                client.Connect(network.NamespaceAddress, port);
            }
            catch (SocketException) when (deadline.Elapsed < Patience)
            {
                Thread.Sleep(50);
                continue;
            }
            var stream = client.GetStream();
            stream.Write(request);
            var reply = new MemoryStream();
            stream.CopyTo(reply);
            return reply.ToArray();
        }
    }

    private sealed class ServerProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            process.Dispose();
        }
    }

    private sealed record Segment(NetEndpoint Source, NetEndpoint Destination, TcpFlags Flags, byte[] Payload);

    private sealed class SegmentCollector : IFrameSink
    {
        private readonly FrameDecoder _decoder = new();
        private readonly List<Segment> _segments = [];

        public void OnFrame(in CapturedFrame frame)
        {
            if (_decoder.TryDecodeTcp(frame, out var segment))
            {
                lock (_segments)
                {
                    _segments.Add(new Segment(segment.Source, segment.Destination, segment.Flags, segment.Payload.ToArray()));
                }
            }
        }

        public bool HasPayload(byte[] payload, int count)
        {
            lock (_segments)
            {
                return _segments.Count(s => s.Payload.SequenceEqual(payload)) >= count;
            }
        }

        public List<Segment> Snapshot()
        {
            lock (_segments)
            {
                return [.. _segments];
            }
        }
    }

    private sealed class ThrowingSink : IFrameSink
    {
        public int Calls;

        public void OnFrame(in CapturedFrame frame)
        {
            Interlocked.Increment(ref Calls);
            throw new InvalidOperationException("a stage bug");
        }
    }
}
