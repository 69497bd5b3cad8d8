using System.Text;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Percent-decoding of URL components into text, for detectors and names. Invalid escapes are kept literally
/// (what servers do), and the bytes are read as UTF-8 with replacement, so hostile input cannot make it throw.
/// </summary>
public static class PercentDecoding
{
    /// <summary>
    /// Decodes <paramref name="encoded"/> into <paramref name="destination"/>; returns the chars written. Input
    /// beyond the destination's length is dropped (a destination as long as the input always suffices).
    /// </summary>
    /// <param name="plusIsSpace">True for query strings and form bodies (application/x-www-form-urlencoded).</param>
    public static int Decode(ReadOnlySpan<byte> encoded, Span<char> destination, bool plusIsSpace)
    {
        if (encoded.IndexOfAny((byte)'%', (byte)'+') < 0)
        {
            return Encoding.UTF8.GetChars(encoded[..Math.Min(encoded.Length, destination.Length)], destination);
        }
        Span<byte> bytes = encoded.Length <= 512 ? stackalloc byte[encoded.Length] : new byte[encoded.Length];
        var n = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == '%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
            {
                bytes[n++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                i += 2;
            }
            else
            {
                bytes[n++] = b == '+' && plusIsSpace ? (byte)' ' : b;
            }
        }
        // UTF-8 never yields more chars than bytes, so cutting the input to the destination's length is enough.
        return Encoding.UTF8.GetChars(bytes[..Math.Min(n, destination.Length)], destination);
    }

    /// <summary>
    /// Decodes escapes into bytes (no UTF-8 step), for parsers that work on wire bytes; returns the bytes written.
    /// <paramref name="destination"/> as long as the input always suffices.
    /// </summary>
    public static int DecodeBytes(ReadOnlySpan<byte> encoded, Span<byte> destination, bool plusIsSpace)
    {
        var n = 0;
        for (var i = 0; i < encoded.Length && n < destination.Length; i++)
        {
            var b = encoded[i];
            if (b == '%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
            {
                destination[n++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                i += 2;
            }
            else
            {
                destination[n++] = b == '+' && plusIsSpace ? (byte)' ' : b;
            }
        }
        return n;
    }

    /// <summary>The offset in <paramref name="encoded"/> of the byte that <see cref="DecodeBytes"/> wrote at <paramref name="decodedIndex"/>.</summary>
    public static int EncodedOffset(ReadOnlySpan<byte> encoded, int decodedIndex)
    {
        var i = 0;
        for (var n = 0; n < decodedIndex && i < encoded.Length; n++)
        {
            i += encoded[i] == '%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]) ? 3 : 1;
        }
        return i;
    }

    /// <summary>Decodes to a new string (for names, which are short and leave the sensor).</summary>
    public static string DecodeToString(ReadOnlySpan<byte> encoded, bool plusIsSpace)
    {
        Span<char> chars = encoded.Length <= 256 ? stackalloc char[encoded.Length] : new char[encoded.Length];
        var n = Decode(encoded, chars, plusIsSpace);
        return new string(chars[..n]);
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
