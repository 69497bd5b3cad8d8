using System.Buffers.Binary;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Tests.Capture.Fuzzing;

/// <summary>
/// The fuzzer's starting points: every Zeek trace as pcap, and each re-wrapped as pcapng (little- and big-endian
/// sections), so the pcapng block parser is exercised with real packets too.
/// </summary>
internal static class FuzzSeeds
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "corpus", "zeek-http");

    public static IReadOnlyList<byte[]> Load()
    {
        var seeds = new List<byte[]>();
        foreach (var file in Directory.GetFiles(CorpusDirectory, "*.pcap").Order(StringComparer.Ordinal))
        {
            var pcap = File.ReadAllBytes(file);
            seeds.Add(pcap);
            seeds.Add(ToPcapNg(pcap, bigEndian: seeds.Count % 4 == 1));
        }
        return seeds;
    }

    /// <summary>Re-wraps a little-endian microsecond pcap as pcapng (SHB, IDB, one EPB per record).</summary>
    private static byte[] ToPcapNg(byte[] pcap, bool bigEndian)
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapNgWriter(stream, bigEndian))
        {
            var linkType = (int)BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(20));
            writer.WriteInterface(linkType);
            var at = 24;
            while (at + 16 <= pcap.Length)
            {
                var seconds = BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(at));
                var micros = BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(at + 4));
                var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(at + 8));
                var original = (int)BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(at + 12));
                if (captured < 0 || at + 16 + captured > pcap.Length)
                {
                    break;
                }
                writer.WriteEnhancedPacket(0, seconds * 1_000_000UL + micros, pcap.AsSpan(at + 16, captured), original);
                at += 16 + captured;
            }
            return stream.ToArray();
        }
    }
}
