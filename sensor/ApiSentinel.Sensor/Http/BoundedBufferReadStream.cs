namespace ApiSentinel.Sensor.Http;

/// <summary>
/// A read-only stream over a byte range that can be pointed at new data, so the pull-based BCL decompressors
/// (GZipStream, DeflateStream, ZLibStream) can read the buffered body prefix without a MemoryStream per message.
/// </summary>
internal sealed class BoundedBufferReadStream : Stream
{
    private byte[] _buffer = [];
    private int _length;
    private int _position;

    public void Reset(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        _position = 0;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _length - _position);
        _buffer.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
