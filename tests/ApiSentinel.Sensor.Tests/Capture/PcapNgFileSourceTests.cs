using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Tests.Capture;

public sealed class PcapNgFileSourceTests : IDisposable
{
    private const long Epoch2023 = 1_700_000_000L;
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_frame_carries_its_own_interface_link_type_and_time_scale(bool bigEndian)
    {
        string path = _directory.File("two-interfaces.pcapng");
        using (var writer = PcapNgWriter.Create(path, bigEndian))
        {
            int ethernet = writer.WriteInterface((int)LinkType.Ethernet); // default resolution: microseconds
            int raw = writer.WriteInterface((int)LinkType.Raw, tsresol: 9); // nanoseconds
            writer.WriteEnhancedPacket(ethernet, (ulong)(Epoch2023 * 1_000_000 + 5), [1, 2, 3]);
            writer.WriteEnhancedPacket(raw, (ulong)(Epoch2023 * 1_000_000_000 + 7_000_999), [0x45, 9], originalLength: 1500);
        }

        var (sink, statistics) = RecordingFrameSink.ReadFile(path);

        Assert.Equal(2, sink.Frames.Count);
        Assert.Equal([1, 2, 3], sink.Frames[0].Data);
        Assert.Equal(3, sink.Frames[0].OriginalLength);
        Assert.Equal(Epoch2023 * 1_000_000 + 5, sink.Frames[0].TimestampMicros);
        Assert.Equal(LinkType.Ethernet, sink.Frames[0].LinkType);
        Assert.Equal(LinkType.Raw, sink.Frames[1].LinkType);
        Assert.Equal(Epoch2023 * 1_000_000 + 7_000, sink.Frames[1].TimestampMicros);
        Assert.Equal(1500, sink.Frames[1].OriginalLength);
        Assert.Equal(1, statistics.FramesTruncatedBySnaplen);
        Assert.Equal(new FileInfo(path).Length, statistics.InputPosition);
    }

    [Theory]
    [InlineData(0x80 | 10, 2 * 1024 + 512, 2_500_000)] // 2^-10 s units
    [InlineData(0x80 | 20, 3L << 20, 3_000_000)]        // 2^-20 s units
    [InlineData(3, 1234, 1_234_000)]                    // milliseconds
    [InlineData(0, 5, 5_000_000)]                       // seconds
    [InlineData(12, 4_000_000_000_000, 4_000_000)]      // picoseconds
    public void If_tsresol_in_powers_of_ten_and_two(byte tsresol, long ticks, long expectedMicros)
    {
        string path = _directory.File("tsresol.pcapng");
        using (var writer = PcapNgWriter.Create(path))
        {
            writer.WriteInterface((int)LinkType.Ethernet, tsresol: tsresol);
            writer.WriteEnhancedPacket(0, (ulong)ticks, [1]);
        }

        var (sink, _) = RecordingFrameSink.ReadFile(path);

        Assert.Equal(expectedMicros, Assert.Single(sink.Frames).TimestampMicros);
    }

    [Fact]
    public void A_new_section_restarts_byte_order_and_interfaces()
    {
        string path = _directory.File("sections.pcapng");
        using (var writer = PcapNgWriter.Create(path, bigEndian: false))
        {
            writer.WriteInterface((int)LinkType.Ethernet);
            writer.WriteEnhancedPacket(0, 10, [0xE1]);
            writer.WriteSectionHeader(bigEndian: true);
            writer.WriteInterface((int)LinkType.LinuxSll2);
            writer.WriteEnhancedPacket(0, 20, [0x52]);
        }

        var (sink, _) = RecordingFrameSink.ReadFile(path);

        Assert.Equal([LinkType.Ethernet, LinkType.LinuxSll2], sink.Frames.Select(f => f.LinkType));
        Assert.Equal([10L, 20L], sink.Frames.Select(f => f.TimestampMicros));
    }

    [Fact]
    public void Simple_and_obsolete_packet_blocks_are_read_and_other_blocks_skipped_and_counted()
    {
        string path = _directory.File("blocks.pcapng");
        var long100 = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        using (var writer = PcapNgWriter.Create(path))
        {
            writer.WriteInterface((int)LinkType.Ethernet, snaplen: 64);
            writer.WriteBlock(0x0000_0004, new byte[8]);        // Name Resolution Block
            writer.WriteObsoletePacket(0, 1_000, [7, 7, 7]);
            writer.WriteSimplePacket(long100);                  // cut to the interface's 64-byte snaplen
            writer.WriteBlock(0x0000_0005, new byte[12]);       // Interface Statistics Block
            writer.WriteBlock(0x4000_0BAD, [1, 2, 3, 4, 5]);     // a custom block nobody knows
            writer.WriteEnhancedPacket(0, 2_000, [9]);
        }

        var (sink, statistics) = RecordingFrameSink.ReadFile(path);

        Assert.Equal(3, sink.Frames.Count);
        Assert.Equal([7, 7, 7], sink.Frames[0].Data);
        Assert.Equal(1_000, sink.Frames[0].TimestampMicros);
        Assert.Equal(long100[..64], sink.Frames[1].Data);
        Assert.Equal(100, sink.Frames[1].OriginalLength);
        Assert.Equal(1_000, sink.Frames[1].TimestampMicros); // SPBs have no time: the last one seen
        Assert.Equal([9], sink.Frames[2].Data);
        Assert.Equal(3, statistics.SkippedBlocks);
        Assert.Equal(1, statistics.FramesTruncatedBySnaplen);
    }

    [Fact]
    public void A_file_cut_inside_its_last_block_keeps_what_came_before()
    {
        string path = _directory.File("cut.pcapng");
        using (var writer = PcapNgWriter.Create(path))
        {
            writer.WriteInterface((int)LinkType.Ethernet);
            writer.WriteEnhancedPacket(0, 1, new byte[60]);
            writer.WriteEnhancedPacket(0, 2, new byte[60]);
        }
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(stream.Length - 30);
        }

        var (sink, statistics) = RecordingFrameSink.ReadFile(path);

        Assert.Single(sink.Frames);
        Assert.Equal(1, statistics.TruncatedRecords);
    }

    [Fact]
    public void A_packet_on_an_undescribed_interface_is_corruption()
    {
        string path = _directory.File("no-interface.pcapng");
        using (var writer = PcapNgWriter.Create(path))
        {
            writer.WriteInterface((int)LinkType.Ethernet);
            writer.WriteEnhancedPacket(1, 1, [1]);
        }
        using var source = CaptureFileSource.Open(path);

        var error = Assert.Throws<CaptureException>(() => source.Run(new RecordingFrameSink(), CancellationToken.None));
        Assert.Equal($"{path}: corrupt record at offset 48 (packet refers to interface 1, but the section describes 1)", error.Message);
    }

    [Fact]
    public void An_absurd_block_length_is_corruption()
    {
        string path = _directory.File("absurd.pcapng");
        using (var writer = PcapNgWriter.Create(path))
        {
            writer.WriteInterface((int)LinkType.Ethernet);
            writer.WriteRaw([6, 0, 0, 0, 0, 0, 0, 0x40]); // EPB of 1 GiB
            writer.WriteRaw(new byte[64]);
        }
        using var source = CaptureFileSource.Open(path);

        var error = Assert.Throws<CaptureException>(() => source.Run(new RecordingFrameSink(), CancellationToken.None));
        Assert.Equal($"{path}: corrupt record at offset 48 (block length 1073741824)", error.Message);
    }

    [Fact]
    public void Packets_on_an_unsupported_interface_name_the_link_type()
    {
        string path = _directory.File("usb.pcapng");
        using (var writer = PcapNgWriter.Create(path))
        {
            writer.WriteInterface(189);
            writer.WriteEnhancedPacket(0, 1, [1]);
        }
        using var source = CaptureFileSource.Open(path);

        var error = Assert.Throws<CaptureException>(() => source.Run(new RecordingFrameSink(), CancellationToken.None));
        Assert.StartsWith($"{path}: unsupported link type 189 (Linux USB; supported: ", error.Message, StringComparison.Ordinal);
    }
}
