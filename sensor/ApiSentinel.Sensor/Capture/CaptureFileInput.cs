using Microsoft.Win32.SafeHandles;

namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// A forward-only window over a capture file, read through one large reusable buffer. Readers ask for the
/// next N bytes with <see cref="TryEnsure"/>, look at them with <see cref="Peek"/> and consume them with
/// <see cref="Advance"/>. The buffer only grows for a single record larger than it (records are capped at
/// <see cref="MaxRecordLength"/> by the readers), so steady-state reading allocates nothing.
/// </summary>
internal sealed class CaptureFileInput : IDisposable
{
    /// <summary>
    /// 1 MiB: large enough that the read syscall cost is amortised over thousands of packets, small enough to
    /// stay in L2/L3 while the packets it holds are decoded.
    /// </summary>
    public const int DefaultBufferSize = 1 << 20;

    /// <summary>Anything longer than this cannot be a real packet record; the file is corrupt.</summary>
    public const int MaxRecordLength = 16 << 20;

    private readonly SafeFileHandle _handle;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _fileOffsetOfEnd;
    private bool _endOfFile;

    public CaptureFileInput(SafeFileHandle handle, long length, int bufferSize = DefaultBufferSize)
    {
        _handle = handle;
        Length = length;
        _buffer = new byte[bufferSize];
    }

    public long Length { get; }

    /// <summary>Offset in the file of the next unconsumed byte.</summary>
    public long Position => _fileOffsetOfEnd - (_end - _start);

    /// <summary>Bytes buffered and not yet consumed.</summary>
    public int Available => _end - _start;

    /// <summary>
    /// Makes at least <paramref name="count"/> bytes available. False when the file ends first; then
    /// <see cref="Available"/> says how many bytes were left.
    /// </summary>
    public bool TryEnsure(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }
        return Fill(count);
    }

    public ReadOnlySpan<byte> Peek(int count) => new(_buffer, _start, count);

    public void Advance(int count) => _start += count;

    private bool Fill(int count)
    {
        if (_endOfFile)
        {
            return false;
        }
        int remaining = _end - _start;
        if (count > _buffer.Length)
        {
            // A record larger than the buffer: grow once to fit it (bounded by MaxRecordLength upstream).
            var larger = new byte[Math.Max(count, _buffer.Length * 2)];
            Buffer.BlockCopy(_buffer, _start, larger, 0, remaining);
            _buffer = larger;
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
        }
        _start = 0;
        _end = remaining;

        while (_end < count)
        {
            int read = RandomAccess.Read(_handle, _buffer.AsSpan(_end), _fileOffsetOfEnd);
            if (read == 0)
            {
                _endOfFile = true;
                return false;
            }
            _end += read;
            _fileOffsetOfEnd += read;
        }
        return true;
    }

    public void Dispose() => _handle.Dispose();
}
