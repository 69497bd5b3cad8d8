using System.Text;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Reassembly;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;
using Xunit.Abstractions;

namespace ApiSentinel.Sensor.Tests.Reassembly;

/// <summary>
/// Feeds the real Zeek HTTP traces through the reassembler (decoded here with PacketDotNet, independently of
/// the sensor's own decoder) and checks the bookkeeping holds on awkward real traffic.
/// </summary>
public sealed class ZeekCorpusTests(ITestOutputHelper output)
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "corpus", "zeek-http");
    private static readonly string[] RequestStarts = ["GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "CONNECT ", "PATCH "];

    [Fact]
    public void Real_traces_reassemble_with_consistent_bookkeeping()
    {
        int requestStreams = 0;
        int traces = 0;
        foreach (string path in Directory.GetFiles(CorpusDirectory, "*.pcap").Order(StringComparer.Ordinal))
        {
            var harness = new ReassemblyHarness();
            long lastTimestamp = Feed(path, harness);
            harness.Reassembler.CloseAll(lastTimestamp);
            traces++;
            ReassemblyCounters c = harness.Counters;
            output.WriteLine($"{Path.GetFileName(path)}: segments={c.Segments} connections={c.Connections} midstream={c.MidStreamPickups} " +
                $"ooo={c.OutOfOrderSegments} retrans={c.RetransmittedSegments} overlap={c.OverlapBytesTrimmed} gaps={c.Gaps}/{c.GapBytes}B resets={c.Resets}");

            string trace = Path.GetFileName(path);
            Assert.True(harness.Counters.ActiveConnections == 0, trace);
            Assert.True(harness.Counters.BufferedBytes == 0, trace);
            Assert.Equal(harness.Counters.Connections, harness.Handlers.Count);
            foreach (RecordingStreamHandler handler in harness.Handlers)
            {
                Assert.True(handler.ClosedWith is not null, $"{trace} {handler.Connection}");
                string start = Encoding.ASCII.GetString(handler.Bytes(FlowDirection.ClientToServer).AsSpan(0, Math.Min(16, handler.Bytes(FlowDirection.ClientToServer).Length)));
                if (RequestStarts.Any(method => start.StartsWith(method, StringComparison.Ordinal)))
                {
                    requestStreams++;
                }
            }
        }

        Assert.True(traces > 0);
        // Most traces are ordinary HTTP: the client side of most connections must begin with a request line.
        Assert.True(requestStreams >= traces, $"{requestStreams} request streams in {traces} traces");
    }

    private static long Feed(string path, ReassemblyHarness harness)
    {
        long lastTimestamp = 0;
        using var device = new CaptureFileReaderDevice(path);
        device.Open();
        while (device.GetNextPacket(out PacketCapture capture) == GetPacketStatus.PacketRead)
        {
            RawCapture raw = capture.GetPacket();
            Packet packet;
            try
            {
                packet = Packet.ParsePacket(raw.LinkLayerType, raw.Data);
            }
            catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException)
            {
                continue;
            }
            if (packet.Extract<TcpPacket>() is not { ParentPacket: IPPacket ip } tcp)
            {
                continue;
            }
            TcpFlags flags = (TcpFlags)(byte)tcp.Flags;
            long timestamp = ((long)raw.Timeval.Seconds * 1_000_000) + (long)raw.Timeval.MicroSeconds;
            var segment = new TcpSegment(
                new NetEndpoint(NetAddress.FromIPAddress(ip.SourceAddress), tcp.SourcePort),
                new NetEndpoint(NetAddress.FromIPAddress(ip.DestinationAddress), tcp.DestinationPort),
                tcp.SequenceNumber, tcp.AcknowledgmentNumber, flags, tcp.WindowSize, tcp.PayloadData ?? [], timestamp);
            harness.Reassembler.Process(in segment);
            lastTimestamp = timestamp;
        }
        return lastTimestamp;
    }
}
