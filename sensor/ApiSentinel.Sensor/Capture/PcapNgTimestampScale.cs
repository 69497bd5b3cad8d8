namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// Converts a pcapng interface's timestamp units (its <c>if_tsresol</c> option) to microseconds.
/// Resolutions are 10^-n (the default, n = 6) or 2^-n seconds.
/// </summary>
internal readonly struct PcapNgTimestampScale
{
    private readonly long _multiplier;
    private readonly long _divisor;
    private readonly int _binaryShift;

    private PcapNgTimestampScale(long multiplier, long divisor, int binaryShift)
    {
        _multiplier = multiplier;
        _divisor = divisor;
        _binaryShift = binaryShift;
    }

    public static PcapNgTimestampScale Microseconds { get; } = new(1, 1, -1);

    /// <summary>Decodes the one-byte <c>if_tsresol</c> value; null when it cannot be represented.</summary>
    public static PcapNgTimestampScale? FromTsresol(byte value)
    {
        int exponent = value & 0x7F;
        if ((value & 0x80) != 0)
        {
            return exponent <= 63 ? new PcapNgTimestampScale(1, 1, exponent) : null;
        }
        // 10^-n: n ≤ 6 scales up, n > 6 scales down; beyond 10^-18 a 64-bit tick count cannot mean anything.
        if (exponent > 18)
        {
            return null;
        }
        return exponent <= 6
            ? new PcapNgTimestampScale(Pow10(6 - exponent), 1, -1)
            : new PcapNgTimestampScale(1, Pow10(exponent - 6), -1);
    }

    public long ToMicros(ulong ticks)
    {
        if (_binaryShift >= 0)
        {
            return (long)(ulong)(((UInt128)ticks * 1_000_000) >> _binaryShift);
        }
        return _divisor == 1 ? (long)ticks * _multiplier : (long)(ticks / (ulong)_divisor);
    }

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= 10;
        }
        return result;
    }
}
