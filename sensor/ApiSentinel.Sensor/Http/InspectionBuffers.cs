using System.Buffers;

namespace ApiSentinel.Sensor.Http;

/// <summary>
/// Growth and release of the per-message inspection buffers (decoded body window, encoded prefix), rented from
/// the shared array pool. A connection's buffers go back to the pool — wiped first, as no byte of one
/// connection may outlive it — when its handler is returned, so memory follows the bodies in flight rather
/// than every connection's largest body. Measured on the 1 GB benchmark: allocating instead (grow by resize,
/// drop on return) cost 1.37 GB of garbage; keeping grown buffers in pooled handlers cost 210 MB of peak RSS.
/// </summary>
internal static class InspectionBuffers
{
    private const int MinimumSize = 256;

    /// <summary>Makes <paramref name="buffer"/> hold at least <paramref name="needed"/> bytes (at most <paramref name="max"/>), keeping its first <paramref name="used"/>.</summary>
    public static void Grow(ref byte[] buffer, int used, int needed, int max)
    {
        var size = Math.Min(max, Math.Max(needed, Math.Max(MinimumSize, buffer.Length * 2)));
        var larger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, used).CopyTo(larger);
        // The old buffer may still hold an earlier message beyond `used`: wipe all of it.
        Release(ref buffer, buffer.Length);
        buffer = larger;
    }

    /// <summary>Wipes the first <paramref name="used"/> bytes and returns the buffer to the pool.</summary>
    public static void Release(ref byte[] buffer, int used)
    {
        if (buffer.Length == 0)
        {
            return;
        }
        buffer.AsSpan(0, Math.Min(used, buffer.Length)).Clear();
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }
}
