using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace ApiSentinel.Sensor.Http;

/// <summary>
/// Keeps the first <see cref="Http1Options.BodyInspectionLimit"/> bytes of a body, decoded from its
/// Content-Encoding. One per parser direction, reused for every message.
/// </summary>
/// <remarks>
/// Encoded bodies are decoded at message end from a bounded copy of their encoded prefix, not streamed:
/// GZipStream/DeflateStream/ZLibStream pull from a stream, and feeding them segment by segment would need a
/// blocking hand-off or would make them see end-of-input mid-body. The prefix is bounded by the inspection
/// limit plus <see cref="EncodedSlack"/> (deflate's stored blocks and gzip headers add only a few bytes per
/// 64 KiB, so that prefix always yields the full inspection window when the body is longer), so memory and
/// CPU per message stay bounded and decoding stops as soon as the window is full. Brotli goes the same way
/// for uniformity. The BCL decoders cannot be reset, so an encoded message costs one decoder instance.
/// Every buffer (the encoded prefix here, the decoded window in <see cref="HttpBody"/>) comes from the pipeline's
/// shared <see cref="InspectionBudget"/> and goes back, wiped, as soon as the message no longer needs it: the
/// prefix at message end, the window at delivery.
/// </remarks>
internal sealed class HttpBodyInspector
{
    private const int EncodedSlack = 4096;

    private readonly HttpCounters _counters;
    private readonly InspectionBudget _budget;
    private readonly BoundedBufferReadStream _source = new();
    private HttpBody? _body;
    private int _limit;
    private ContentCoding _coding;
    private bool _stopped;
    private byte[] _encoded = [];
    private int _encodedLength;
    private bool _encodedCut;
    /// <summary>Bytes the decoders wrote into the shared scratch during the current decode: wiped right after.</summary>
    private int _scratchWritten;

    public HttpBodyInspector(HttpCounters counters, InspectionBudget budget)
    {
        _counters = counters;
        _budget = budget;
    }

    public void Begin(HttpBody body, HttpHeaderBlock headers, int limit)
    {
        _body = body;
        _limit = Math.Max(limit, 0);
        _stopped = false;
        ReleaseEncoded();
        _encodedCut = false;
        _coding = ContentCoding.Identity;
        if (headers.TryGet("content-encoding"u8, out var value))
        {
            (_coding, body.ContentEncoding) = ParseCoding(value);
            if (_coding == ContentCoding.Unsupported)
            {
                body.DecodedOk = false;
            }
        }
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (_stopped || _body is null)
        {
            return;
        }
        switch (_coding)
        {
            case ContentCoding.Identity:
                _body.AppendInspected(data, _limit, _budget);
                _stopped = _body.InspectionTruncated;
                break;
            case ContentCoding.Unsupported:
                _stopped = true;
                break;
            case ContentCoding.Gzip or ContentCoding.Deflate or ContentCoding.Brotli when _limit == 0:
                // Nothing will be inspected: buffering and decoding would only cost (a decoder per message was
                // ~10 % of the stage with --body-limit 0). Whether the stream would have decoded is not known,
                // so DecodedOk stays true; a non-empty body is reported as longer than the empty window.
                _body.InspectionTruncated = true;
                _stopped = true;
                break;
            default:
                BufferEncoded(data);
                break;
        }
    }

    /// <summary>Bytes were lost: what follows cannot be decoded or shown contiguously, so inspection stops here.</summary>
    public void MarkGap()
    {
        if (_body is null || _stopped)
        {
            return;
        }
        _stopped = true;
        _encodedCut = true;
        if (_coding == ContentCoding.Identity)
        {
            _body.InspectionTruncated = true;
        }
    }

    /// <summary>Decodes what was kept; call once at message end.</summary>
    public void Finish(bool bodyComplete)
    {
        var body = _body;
        _body = null;
        if (body is null || _encodedLength == 0 || _coding is ContentCoding.Identity or ContentCoding.Unsupported)
        {
            ReleaseEncoded();
            return;
        }
        var inputCut = _encodedCut || !bodyComplete;
        bool ok;
        try
        {
            ok = _coding == ContentCoding.Brotli ? DecodeBrotli(body, inputCut) : DecodeDeflateFamily(body);
        }
        catch (InvalidDataException)
        {
            // A cut prefix can end mid-block; only a stream that was whole and still broken is an error.
            ok = inputCut;
        }
        catch (IOException)
        {
            ok = inputCut;
        }
        finally
        {
            _budget.Scratch.AsSpan(0, _scratchWritten).Clear();
            _scratchWritten = 0;
            _source.Reset([], 0);
            ReleaseEncoded();
        }
        if (!ok)
        {
            body.DecodedOk = false;
            _counters.DecodeErrors++;
        }
        if (inputCut)
        {
            body.InspectionTruncated = true;
        }
    }

    private void BufferEncoded(ReadOnlySpan<byte> data)
    {
        var bound = _limit + EncodedSlack;
        var room = bound - _encodedLength;
        if (data.Length > room)
        {
            data = data[..room];
            _encodedCut = true;
            _stopped = true;
        }
        var needed = _encodedLength + data.Length;
        if (needed > _encoded.Length && !_budget.TryGrow(ref _encoded, _encodedLength, needed, bound))
        {
            // The shared pool is exhausted: decode what is held (a cut prefix), and say so.
            data = data[..(_encoded.Length - _encodedLength)];
            needed = _encoded.Length;
            _encodedCut = true;
            _stopped = true;
            if (!_body!.InspectionBudgetExhausted)
            {
                _body.InspectionBudgetExhausted = true;
                _budget.CountExhausted();
            }
        }
        data.CopyTo(_encoded.AsSpan(_encodedLength));
        _encodedLength = needed;
    }

    /// <summary>Wipes the encoded prefix and gives it back to the budget.</summary>
    private void ReleaseEncoded()
    {
        _budget.Release(ref _encoded, _encodedLength);
        _encodedLength = 0;
    }

    /// <summary>Forgets the current message and wipes every body byte held, so the inspector can serve another connection.</summary>
    public void Scrub()
    {
        _body = null;
        _stopped = false;
        ReleaseEncoded();
        _encodedCut = false;
        _coding = ContentCoding.Identity;
        _source.Reset([], 0);
    }

    private bool DecodeDeflateFamily(HttpBody body)
    {
        _source.Reset(_encoded, _encodedLength);
        using Stream decoder = _coding == ContentCoding.Gzip
            ? new GZipStream(_source, CompressionMode.Decompress, leaveOpen: true)
            : LooksLikeZlibHeader(_encoded.AsSpan(0, _encodedLength))
                ? new ZLibStream(_source, CompressionMode.Decompress, leaveOpen: true)
                // Raw deflate without the zlib wrapper: old IIS and others (corpus http__missing-zlib-header.pcap).
                : new DeflateStream(_source, CompressionMode.Decompress, leaveOpen: true);
        var scratch = _budget.Scratch;
        while (!body.InspectionTruncated)
        {
            var n = decoder.Read(scratch, 0, scratch.Length);
            if (n == 0)
            {
                break;
            }
            _scratchWritten = Math.Max(_scratchWritten, n);
            body.AppendInspected(scratch.AsSpan(0, n), _limit, _budget);
        }
        return true;
    }

    private bool DecodeBrotli(HttpBody body, bool inputCut)
    {
        using var decoder = new BrotliDecoder();
        var source = _encoded.AsSpan(0, _encodedLength);
        var scratch = _budget.Scratch;
        while (!body.InspectionTruncated)
        {
            var status = decoder.Decompress(source, scratch, out var consumed, out var written);
            source = source[consumed..];
            _scratchWritten = Math.Max(_scratchWritten, written);
            body.AppendInspected(scratch.AsSpan(0, written), _limit, _budget);
            switch (status)
            {
                case OperationStatus.Done:
                    return true;
                case OperationStatus.DestinationTooSmall:
                    continue;
                case OperationStatus.NeedMoreData:
                    return inputCut;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>RFC 1950: CM=8 in the low nibble and the two bytes a multiple of 31.</summary>
    private static bool LooksLikeZlibHeader(ReadOnlySpan<byte> data) =>
        data.Length >= 2 && (data[0] & 0x0F) == 8 && ((data[0] << 8) | data[1]) % 31 == 0;

    private static (ContentCoding Coding, string? Declared) ParseCoding(ReadOnlySpan<byte> value)
    {
        value = value.Trim(" \t"u8);
        if (value.IsEmpty || Ascii.EqualsIgnoreCase(value, "identity"u8))
        {
            return (ContentCoding.Identity, value.IsEmpty ? null : "identity");
        }
        // Known single codings map to constant strings: no allocation per message.
        if (Ascii.EqualsIgnoreCase(value, "gzip"u8))
        {
            return (ContentCoding.Gzip, "gzip");
        }
        if (Ascii.EqualsIgnoreCase(value, "x-gzip"u8))
        {
            return (ContentCoding.Gzip, "x-gzip");
        }
        if (Ascii.EqualsIgnoreCase(value, "deflate"u8))
        {
            return (ContentCoding.Deflate, "deflate");
        }
        if (Ascii.EqualsIgnoreCase(value, "br"u8))
        {
            return (ContentCoding.Brotli, "br");
        }
        // Stacked or unknown codings: rare, so the allocation of the declared text is acceptable.
        return (ContentCoding.Unsupported, Encoding.Latin1.GetString(value).ToLowerInvariant());
    }
}
