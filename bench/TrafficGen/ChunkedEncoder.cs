using System.Globalization;
using System.Text;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// Frames a body with HTTP/1.1 chunked transfer coding (RFC 9112 §7.1), with irregular chunk sizes the way a
/// streaming server flushes them. Start-up only.
/// </summary>
internal static class ChunkedEncoder
{
    public static byte[] Encode(ReadOnlySpan<byte> entity, DeterministicRandom random)
    {
        using var output = new MemoryStream(entity.Length + 256);
        int offset = 0;
        while (offset < entity.Length)
        {
            int size = Math.Min(entity.Length - offset, random.Next(512, 16_384));
            WriteAscii(output, size.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
            output.Write(entity.Slice(offset, size));
            WriteAscii(output, "\r\n");
            offset += size;
        }

        WriteAscii(output, "0\r\n\r\n");
        return output.ToArray();
    }

    private static void WriteAscii(MemoryStream output, string text) => output.Write(Encoding.ASCII.GetBytes(text));
}
