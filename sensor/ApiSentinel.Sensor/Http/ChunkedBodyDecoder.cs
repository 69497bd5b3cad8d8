namespace ApiSentinel.Sensor.Http;

/// <summary>
/// Incremental de-chunking (RFC 9112 §7.1): survives a split at any byte. Extensions and trailer fields are
/// skipped (bounded); a missing CRLF after chunk data is tolerated when the next byte starts a size.
/// </summary>
internal sealed class ChunkedBodyDecoder
{
    private enum State : byte { Size, Extension, Data, DataEnd, TrailerLineStart, TrailerLine }

    // A size with this many bits set cannot be shifted left by a hex digit without overflowing.
    private const long SizeOverflowGuard = long.MaxValue >> 4;

    private State _state;
    private long _size;
    private int _sizeDigits;
    private int _skippedLineBytes;
    private readonly int _maxLineBytes;

    public ChunkedBodyDecoder(int maxLineBytes) => _maxLineBytes = Math.Max(maxLineBytes, 256);

    /// <summary>Chunk-data bytes still expected in the current chunk (0 outside chunk data).</summary>
    public long RemainingInChunk => _state == State.Data ? _size : 0;

    /// <summary>True after the last chunk's size line, where a close leaves nothing missing but the trailer end.</summary>
    public bool AtTrailerLineStart => _state == State.TrailerLineStart;

    public void Reset()
    {
        _state = State.Size;
        _size = 0;
        _sizeDigits = 0;
        _skippedLineBytes = 0;
    }

    /// <summary>Chunk-data bytes lost in a gap; the caller checked they fit in the current chunk.</summary>
    public void SkipData(long count)
    {
        _size -= count;
        if (_size == 0)
        {
            _state = State.DataEnd;
        }
    }

    public ChunkedStep Next(ref ReadOnlySpan<byte> input, out ReadOnlySpan<byte> data)
    {
        data = default;
        while (!input.IsEmpty)
        {
            switch (_state)
            {
                case State.Size:
                {
                    var b = input[0];
                    var digit = HexValue(b);
                    if (digit >= 0)
                    {
                        if (_size > SizeOverflowGuard)
                        {
                            return ChunkedStep.Error;
                        }
                        _size = (_size << 4) | (uint)digit;
                        _sizeDigits++;
                        input = input[1..];
                    }
                    else if (b is (byte)';' or (byte)' ' or (byte)'\t')
                    {
                        if (_sizeDigits == 0)
                        {
                            return ChunkedStep.Error;
                        }
                        _state = State.Extension;
                        _skippedLineBytes = 0;
                        input = input[1..];
                    }
                    else if (b == (byte)'\r')
                    {
                        input = input[1..];
                    }
                    else if (b == (byte)'\n')
                    {
                        input = input[1..];
                        // An empty line where a size belongs is a stray CRLF: tolerated.
                        if (_sizeDigits > 0)
                        {
                            EndSizeLine();
                        }
                    }
                    else
                    {
                        return ChunkedStep.Error;
                    }
                    break;
                }
                case State.Extension:
                {
                    var lf = input.IndexOf((byte)'\n');
                    if (lf < 0)
                    {
                        _skippedLineBytes += input.Length;
                        input = default;
                        if (_skippedLineBytes > _maxLineBytes)
                        {
                            return ChunkedStep.Error;
                        }
                        break;
                    }
                    input = input[(lf + 1)..];
                    EndSizeLine();
                    break;
                }
                case State.Data:
                {
                    var n = (int)Math.Min(_size, input.Length);
                    data = input[..n];
                    input = input[n..];
                    _size -= n;
                    if (_size == 0)
                    {
                        _state = State.DataEnd;
                    }
                    return ChunkedStep.Data;
                }
                case State.DataEnd:
                {
                    var b = input[0];
                    if (b == (byte)'\r')
                    {
                        input = input[1..];
                    }
                    else if (b == (byte)'\n')
                    {
                        input = input[1..];
                        BeginSize();
                    }
                    else if (HexValue(b) >= 0)
                    {
                        // CRLF missing after the data, but a size follows: unambiguous.
                        BeginSize();
                    }
                    else
                    {
                        return ChunkedStep.Error;
                    }
                    break;
                }
                case State.TrailerLineStart:
                {
                    var b = input[0];
                    if (b == (byte)'\n')
                    {
                        input = input[1..];
                        return ChunkedStep.Done;
                    }
                    if (b == (byte)'\r')
                    {
                        input = input[1..];
                    }
                    else
                    {
                        _state = State.TrailerLine;
                    }
                    break;
                }
                case State.TrailerLine:
                {
                    var lf = input.IndexOf((byte)'\n');
                    if (lf < 0)
                    {
                        _skippedLineBytes += input.Length;
                        input = default;
                        if (_skippedLineBytes > _maxLineBytes)
                        {
                            return ChunkedStep.Error;
                        }
                        break;
                    }
                    _skippedLineBytes += lf + 1;
                    if (_skippedLineBytes > _maxLineBytes)
                    {
                        return ChunkedStep.Error;
                    }
                    input = input[(lf + 1)..];
                    _state = State.TrailerLineStart;
                    break;
                }
            }
        }
        return ChunkedStep.NeedMoreData;
    }

    private void BeginSize()
    {
        _state = State.Size;
        _size = 0;
        _sizeDigits = 0;
    }

    private void EndSizeLine()
    {
        _skippedLineBytes = 0;
        _state = _size == 0 ? State.TrailerLineStart : State.Data;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
