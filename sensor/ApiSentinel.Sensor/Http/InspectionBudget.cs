using System.Buffers;
using System.Numerics;
using ApiSentinel.Sensor.Buffers;

namespace ApiSentinel.Sensor.Http;

/// <summary>
/// The one pool of body-inspection memory shared by every connection and every pipelined message of a pipeline
/// (decoded windows and encoded prefixes): a total byte bound on the pooled arrays they hold, so hostile traffic
/// cannot multiply the per-message window. Measured: 300 connections × 100 unanswered pipelined POSTs whose
/// 114-byte gzip bodies inflate to 64 KiB held 2 GB when each message kept its own window (bench/Adversarial).
/// When the pool is exhausted a message is inspected with what it already has, or not at all: the body is
/// marked truncated and <see cref="HttpCounters.InspectionBudgetExhausted"/> counts it — it is never dropped.
/// Single-threaded, like the pipeline that owns it.
/// </summary>
internal sealed class InspectionBudget
{
    private const int MinimumSize = 256;
    private const int ScratchSize = 16 * 1024;

    private readonly HttpCounters _counters;
    private byte[]? _scratch;

    public InspectionBudget(long totalBytes, HttpCounters counters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalBytes);
        TotalBytes = totalBytes;
        _counters = counters;
    }

    public long TotalBytes { get; }

    /// <summary>Bytes of pooled arrays currently held for inspection.</summary>
    public long HeldBytes { get; private set; }

    /// <summary>Largest <see cref="HeldBytes"/> so far.</summary>
    public long PeakHeldBytes { get; private set; }

    /// <summary>
    /// Makes <paramref name="buffer"/> hold at least <paramref name="needed"/> bytes (at most <paramref name="max"/>),
    /// keeping its first <paramref name="used"/>. Returns false, leaving the buffer as it is, when the pool cannot
    /// cover the larger array.
    /// </summary>
    public bool TryGrow(ref byte[] buffer, int used, int needed, int max)
    {
        var size = Math.Min(max, Math.Max(needed, Math.Max(MinimumSize, buffer.Length * 2)));
        // ArrayPool.Shared hands out power-of-two arrays: charge what will really be held.
        long charge = BitOperations.RoundUpToPowerOf2((uint)Math.Max(size, 16));
        if (HeldBytes - buffer.Length + charge > TotalBytes)
        {
            // Doubling does not fit; the bare minimum might.
            size = needed;
            charge = BitOperations.RoundUpToPowerOf2((uint)Math.Max(size, 16));
            if (HeldBytes - buffer.Length + charge > TotalBytes)
            {
                return false;
            }
        }
        HeldBytes -= buffer.Length;
        Grow(ref buffer, used, size);
        HeldBytes += buffer.Length;
        PeakHeldBytes = Math.Max(PeakHeldBytes, HeldBytes);
        return true;
    }

    /// <summary>Wipes the first <paramref name="used"/> bytes and returns the buffer to the pool and its bytes to the budget.</summary>
    public void Release(ref byte[] buffer, int used)
    {
        HeldBytes -= buffer.Length;
        ReturnWiped(ref buffer, used);
    }

    /// <summary>Growth outside any budget (bodies that do not come off the wire in bulk: HAR entries, tests).</summary>
    public static void GrowUnaccounted(ref byte[] buffer, int used, int needed, int max) =>
        Grow(ref buffer, used, Math.Min(max, Math.Max(needed, Math.Max(MinimumSize, buffer.Length * 2))));

    /// <summary>Wipes the first <paramref name="used"/> bytes and returns the buffer to the shared pool.</summary>
    public static void ReturnWiped(ref byte[] buffer, int used)
    {
        if (buffer.Length == 0)
        {
            return;
        }
        PayloadBuffers.ReturnWiped(buffer, used);
        buffer = [];
    }

    private static void Grow(ref byte[] buffer, int used, int size)
    {
        var larger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, used).CopyTo(larger);
        // The old buffer may still hold an earlier message beyond `used`: wipe all of it.
        ReturnWiped(ref buffer, buffer.Length);
        buffer = larger;
    }

    /// <summary>Counts one message that was inspected with less than its window because the pool was exhausted.</summary>
    public void CountExhausted() => _counters.InspectionBudgetExhausted++;

    /// <summary>
    /// The decoder output scratch, one per pipeline: decoding runs synchronously at message end, so one serves
    /// every connection. Callers wipe what they wrote before returning.
    /// </summary>
    public byte[] Scratch => _scratch ??= new byte[ScratchSize];
}
