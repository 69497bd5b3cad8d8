using System.Buffers;

namespace ApiSentinel.Sensor.Buffers;

/// <summary>
/// The one home for giving a payload-bearing array back to its pool. A pooled array outlives the call that rented
/// it and is handed to unrelated code next, so whatever it carried (out-of-order TCP segments, decoded bodies,
/// decoded JWT claims) must be wiped first. Only the used prefix is cleared: <c>Return(clearArray: true)</c>
/// would clear the whole bucket-sized array (up to twice the length used) on every segment.
/// </summary>
public static class PayloadBuffers
{
    /// <summary>Wipes the first <paramref name="used"/> bytes of <paramref name="buffer"/> and returns it to <paramref name="pool"/>.</summary>
    public static void ReturnWiped(ArrayPool<byte> pool, byte[] buffer, int used)
    {
        buffer.AsSpan(0, Math.Clamp(used, 0, buffer.Length)).Clear();
        pool.Return(buffer);
    }

    /// <summary>Wipes the first <paramref name="used"/> bytes and returns the buffer to the shared pool.</summary>
    public static void ReturnWiped(byte[] buffer, int used) => ReturnWiped(ArrayPool<byte>.Shared, buffer, used);

    /// <summary>Wipes the first <paramref name="used"/> chars (payload decoded to text) and returns the buffer to the shared pool.</summary>
    public static void ReturnWiped(char[] buffer, int used)
    {
        buffer.AsSpan(0, Math.Clamp(used, 0, buffer.Length)).Clear();
        ArrayPool<char>.Shared.Return(buffer);
    }
}
