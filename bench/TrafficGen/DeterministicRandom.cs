namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// xoshiro256** seeded through SplitMix64. System.Random's seeded sequence is an implementation detail that
/// may change between runtimes; a pinned algorithm keeps a given seed producing the byte-identical capture
/// on every machine, which is what makes benchmark files reproducible.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DeterministicRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, exclusiveMax). Lemire's multiply-shift; the bias (&lt; 2^-32) is irrelevant here.</summary>
    public int Next(int exclusiveMax) => (int)(((NextUInt64() >> 32) * (ulong)(uint)exclusiveMax) >> 32);

    public int Next(int inclusiveMin, int exclusiveMax) => inclusiveMin + Next(exclusiveMax - inclusiveMin);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public void NextBytes(Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)(NextUInt64() >> 56);
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
