using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Tests.Capture;

public sealed class PcapFileSourceTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Reads_frames_lengths_and_timestamps_in_both_byte_orders_and_resolutions(bool bigEndian, bool nanosecond)
    {
        string path = _directory.File("trace.pcap");
        var syn = TestFrames.EthernetIPv4Tcp("192.0.2.1:40000", "192.0.2.2:80", 1, 0, TcpFlags.Syn);
        var data = TestFrames.EthernetIPv4Tcp("192.0.2.1:40000", "192.0.2.2:80", 2, 1, TcpFlags.Ack, "hello"u8);
        using (var writer = PcapWriter.Create(path, LinkType.Ethernet, bigEndian, nanosecond))
        {
            writer.Write(syn, timestampMicros: 1_700_000_000_123_456);
            writer.Write(data.AsSpan(0, 40), timestampMicros: 1_700_000_001_000_001, originalLength: data.Length);
        }

        var (sink, statistics) = RecordingFrameSink.ReadFile(path);

        Assert.Equal(2, sink.Frames.Count);
        Assert.Equal(syn, sink.Frames[0].Data);
        Assert.Equal(syn.Length, sink.Frames[0].OriginalLength);
        Assert.Equal(1_700_000_000_123_456, sink.Frames[0].TimestampMicros);
        Assert.Equal(LinkType.Ethernet, sink.Frames[0].LinkType);
        Assert.Equal(data.AsSpan(0, 40).ToArray(), sink.Frames[1].Data);
        Assert.Equal(data.Length, sink.Frames[1].OriginalLength);
        Assert.Equal(1_700_000_001_000_001, sink.Frames[1].TimestampMicros);

        Assert.Equal(2, statistics.FramesRead);
        Assert.Equal(syn.Length + 40, statistics.BytesRead);
        Assert.Equal(1, statistics.FramesTruncatedBySnaplen);
        Assert.Equal(0, statistics.TruncatedRecords);
        Assert.Equal(new FileInfo(path).Length, statistics.InputLength);
        Assert.Equal(statistics.InputLength, statistics.InputPosition);
    }

    [Fact]
    public void Reports_the_file_link_type_and_resolution()
    {
        string path = _directory.File("sll.pcap");
        using (var writer = PcapWriter.Create(path, LinkType.LinuxSll, nanosecond: true))
        {
            writer.Write(TestFrames.LinuxSll(TestFrames.EtherTypeIPv4, TestFrames.IPv4Tcp("192.0.2.1:1", "192.0.2.2:2", 1, 0, TcpFlags.Syn)));
        }
        using var source = (PcapFileSource)CaptureFileSource.Open(path);
        Assert.Equal(LinkType.LinuxSll, source.LinkType);
        Assert.True(source.HasNanosecondTimestamps);
        Assert.Equal(path, source.Description);
    }

    [Fact]
    public void Reads_many_frames_across_buffer_refills_in_order()
    {
        string path = _directory.File("many.pcap");
        const int count = 6000; // about 2.5 MiB: several refills of the 1 MiB buffer, records straddling its end
        using (var writer = PcapWriter.Create(path))
        {
            for (int i = 0; i < count; i++)
            {
                var frame = new byte[60 + (i * 37 % 800)];
                BitConverter.TryWriteBytes(frame, i);
                writer.Write(frame, timestampMicros: i);
            }
        }

        var (sink, statistics) = RecordingFrameSink.ReadFile(path);

        Assert.Equal(count, statistics.FramesRead);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(60 + (i * 37 % 800), sink.Frames[i].Data.Length);
            Assert.Equal(i, BitConverter.ToInt32(sink.Frames[i].Data));
            Assert.Equal(i, sink.Frames[i].TimestampMicros);
        }
    }

    [Fact]
    public void Reads_a_record_larger_than_the_read_buffer()
    {
        string path = _directory.File("big.pcap");
        var big = new byte[3 * CaptureFileInput.DefaultBufferSize + 5];
        new Random(7).NextBytes(big);
        using (var writer = PcapWriter.Create(path, LinkType.Raw))
        {
            writer.Write([0x45, 1, 2]);
            writer.Write(big);
            writer.Write([0x45, 3, 4]);
        }

        var (sink, _) = RecordingFrameSink.ReadFile(path);

        Assert.Equal(3, sink.Frames.Count);
        Assert.Equal(big, sink.Frames[1].Data);
        Assert.Equal([0x45, 3, 4], sink.Frames[2].Data);
    }

    [Theory]
    [InlineData(7)]   // cut inside the record header
    [InlineData(16 + 10)] // cut inside the packet bytes
    public void A_file_cut_inside_its_last_record_delivers_everything_before_and_counts_it(int bytesOfLastRecord)
    {
        string path = _directory.File("cut.pcap");
        var frame = TestFrames.EthernetIPv4Tcp("192.0.2.1:40000", "192.0.2.2:80", 1, 0, TcpFlags.Syn);
        using (var writer = PcapWriter.Create(path))
        {
            writer.Write(frame);
            writer.Write(frame);
        }
        long full = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(full - (16 + frame.Length) + bytesOfLastRecord);
        }

        var (sink, statistics) = RecordingFrameSink.ReadFile(path);

        Assert.Single(sink.Frames);
        Assert.Equal(1, statistics.TruncatedRecords);
    }

    [Fact]
    public void An_absurd_record_length_mid_file_is_reported_as_corruption_with_its_offset()
    {
        string path = _directory.File("corrupt.pcap");
        var frame = TestFrames.EthernetIPv4Tcp("192.0.2.1:40000", "192.0.2.2:80", 1, 0, TcpFlags.Syn);
        using (var writer = PcapWriter.Create(path))
        {
            writer.Write(frame);
            // A record header claiming 64 MiB.
            writer.WriteRaw([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 4]);
            writer.Write(frame);
        }
        using var source = CaptureFileSource.Open(path);
        var sink = new RecordingFrameSink();

        var error = Assert.Throws<CaptureException>(() => source.Run(sink, CancellationToken.None));

        Assert.Equal($"{path}: corrupt record at offset {24 + 16 + frame.Length} (captured length 67108864, original length 67108864)", error.Message);
        Assert.Single(sink.Frames);
    }

    [Fact]
    public void A_captured_length_above_the_original_length_is_corruption()
    {
        string path = _directory.File("weird.pcap");
        using (var writer = PcapWriter.Create(path))
        {
            writer.Write(new byte[100], originalLength: 50);
        }
        using var source = CaptureFileSource.Open(path);

        var error = Assert.Throws<CaptureException>(() => source.Run(new RecordingFrameSink(), CancellationToken.None));
        Assert.Contains("corrupt record at offset 24", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_stops_the_run_early()
    {
        string path = _directory.File("long.pcap");
        using (var writer = PcapWriter.Create(path))
        {
            for (int i = 0; i < 10_000; i++)
            {
                writer.Write(new byte[60]);
            }
        }
        using var source = CaptureFileSource.Open(path);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        source.Run(new RecordingFrameSink(), cancellation.Token);

        Assert.True(source.Statistics.FramesRead < 10_000);
    }
}
