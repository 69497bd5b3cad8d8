using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;

namespace ApiSentinel.Sensor.Tests.Capture;

/// <summary>Every trace of the shared Zeek corpus reads completely, frame for frame as tcpdump sees it.</summary>
public sealed class CorpusTraceTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "corpus", "zeek-http");

    /// <summary>
    /// Frame counts from <c>tcpdump -nr FILE -tt | grep -c '^[0-9]'</c> (one line per frame; plain
    /// <c>wc -l</c> double-counts the VXLAN trace, where tcpdump prints the inner packet on its own line), and
    /// TCP packet counts from <c>tcpdump -nr FILE tcp</c> (for VXLAN: inner TCP packets).
    /// </summary>
    public static TheoryData<string, int, int> Traces => new()
    {
        { "http__basic-auth-with-extra-space.pcap", 38, 38 },
        { "http__concurrent-range-requests.pcap", 57, 57 },
        { "http__connect-with-smtp.pcap", 30, 30 },
        { "http__curl_http_09.pcap", 8, 8 },
        { "http__deeply-nested-mime.pcap", 55, 55 },
        { "http__http-09-content-length-confusion.pcap", 18, 18 },
        { "http__http-bad-content-range-01.pcap", 22, 22 },
        { "http__http-desync-request-response-5.pcap", 53, 53 },
        { "http__http-filename.pcap", 11, 11 },
        { "http__missing-zlib-header.pcap", 28, 28 },
        { "http__no-uri.pcap", 14, 14 },
        { "http__no-version.pcap", 11, 11 },
        { "http__websocket.pcap", 27, 27 },
        { "tunnels__vxlan-encapsulated-http.pcap", 12, 12 },
        { "wikipedia.pcap", 136, 78 },
    };

    [Theory]
    [MemberData(nameof(Traces))]
    public void Reads_every_frame_and_decodes_every_tcp_packet(string file, int frames, int tcpPackets)
    {
        using var source = CaptureFileSource.Open(Path.Combine(CorpusDirectory, file));
        var sink = new DecodingSink();

        source.Run(sink, CancellationToken.None);

        Assert.Equal(frames, source.Statistics.FramesRead);
        Assert.Equal(0, source.Statistics.TruncatedRecords);
        Assert.Equal(source.Statistics.InputLength, source.Statistics.InputPosition);
        var counters = sink.Decoder.Counters;
        Assert.Equal(tcpPackets, counters.TcpSegments);
        Assert.Equal(frames - tcpPackets, counters.NonTcp);
    }

    [Fact]
    public void Vxlan_trace_yields_the_inner_http_flow()
    {
        using var source = CaptureFileSource.Open(Path.Combine(CorpusDirectory, "tunnels__vxlan-encapsulated-http.pcap"));
        var sink = new DecodingSink();

        source.Run(sink, CancellationToken.None);

        Assert.Equal(12, sink.Decoder.Counters.VxlanDecapsulated);
        var client = new NetEndpoint(NetAddress.Parse("172.16.11.201"), 40354);
        var server = new NetEndpoint(NetAddress.Parse("54.86.237.188"), 80);
        Assert.All(sink.Segments, s => Assert.True((s.Source == client && s.Destination == server) || (s.Source == server && s.Destination == client)));
        var first = sink.Segments[0];
        Assert.Equal(TcpFlags.Syn, first.Flags);
        Assert.Equal(1521476008u, first.Sequence);
        Assert.Contains(sink.Segments, s => s.Source == client && s.Payload.AsSpan().StartsWith("GET "u8));
        Assert.Contains(sink.Segments, s => s.Source == server && s.Payload.AsSpan().StartsWith("HTTP/1."u8));
    }

    private sealed record DecodedSegment(NetEndpoint Source, NetEndpoint Destination, uint Sequence, TcpFlags Flags, byte[] Payload);

    private sealed class DecodingSink : IFrameSink
    {
        public FrameDecoder Decoder { get; } = new();

        public List<DecodedSegment> Segments { get; } = [];

        public void OnFrame(in CapturedFrame frame)
        {
            if (Decoder.TryDecodeTcp(frame, out var segment))
            {
                Segments.Add(new DecodedSegment(segment.Source, segment.Destination, segment.Sequence, segment.Flags, segment.Payload.ToArray()));
            }
        }
    }
}
