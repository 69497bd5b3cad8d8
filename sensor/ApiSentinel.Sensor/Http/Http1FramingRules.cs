namespace ApiSentinel.Sensor.Http;

/// <summary>
/// RFC 9112 §6.3 message-body length rules, applied the way a monitor must: never reject, but flag every
/// ambiguity that would let two implementations disagree (request smuggling).
/// </summary>
/// <remarks>
/// Decisions where the RFC says "reject" (Zeek and Node do):
/// <list type="bullet">
/// <item>Transfer-Encoding with Content-Length: chunked wins (§6.3 rule 3), flagged ambiguous.</item>
/// <item>Conflicting Content-Length values: flagged ambiguous and handled like an invalid Content-Length —
/// taking either value would side with one of the two parties being confused; with no body the bytes that
/// follow a request are resynchronised past as garbage, so the next real request is still found.</item>
/// <item>Invalid Content-Length (negative, not a number, overflowing): a request has no body, a response is
/// close-delimited.</item>
/// <item>Transfer-Encoding whose final coding is not chunked: a response is close-delimited (rule 4); a
/// request cannot be framed (the server must answer 400) and is taken as bodiless, flagged ambiguous.</item>
/// </list>
/// </remarks>
internal static class Http1FramingRules
{
    // 2^62: any real body is far smaller, and it keeps Length arithmetic away from overflow.
    private const long MaxContentLength = 1L << 62;

    public static Http1FramingDecision Decide(HttpHeaderBlock headers, bool isRequest)
    {
        var hasTransferEncoding = false;
        var chunkedIsFinal = false;
        var contentLengthFields = 0;
        var contentLength = -1L;
        var conflicting = false;
        var invalid = false;

        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers.NameAt(i);
            if (System.Text.Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                hasTransferEncoding = true;
                chunkedIsFinal = FinalCodingIsChunked(headers.ValueAt(i));
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                contentLengthFields++;
                ReadContentLength(headers.ValueAt(i), ref contentLength, ref conflicting, ref invalid);
            }
        }

        if (hasTransferEncoding)
        {
            if (chunkedIsFinal)
            {
                return new(Http1BodyFraming.Chunked, 0, contentLengthFields > 0, false);
            }
            return isRequest
                ? new(Http1BodyFraming.None, 0, true, false)
                : new(Http1BodyFraming.UntilClose, 0, contentLengthFields > 0, false);
        }
        if (contentLengthFields > 0)
        {
            if (conflicting || invalid)
            {
                return new(isRequest ? Http1BodyFraming.None : Http1BodyFraming.UntilClose, 0, conflicting, invalid && !conflicting);
            }
            return contentLength == 0
                ? new(Http1BodyFraming.None, 0, false, false)
                : new(Http1BodyFraming.ContentLength, contentLength, false, false);
        }
        return new(isRequest ? Http1BodyFraming.None : Http1BodyFraming.UntilClose, 0, false, false);
    }

    private static bool FinalCodingIsChunked(ReadOnlySpan<byte> value)
    {
        var comma = value.LastIndexOf((byte)',');
        var last = (comma < 0 ? value : value[(comma + 1)..]).Trim(" \t"u8);
        return System.Text.Ascii.EqualsIgnoreCase(last, "chunked"u8);
    }

    /// <summary>A field may carry a list ("5, 5"), which is valid when every member is the same number.</summary>
    private static void ReadContentLength(ReadOnlySpan<byte> value, ref long length, ref bool conflicting, ref bool invalid)
    {
        while (true)
        {
            var comma = value.IndexOf((byte)',');
            var member = (comma < 0 ? value : value[..comma]).Trim(" \t"u8);
            if (!TryParseLength(member, out var parsed))
            {
                invalid = true;
            }
            else if (length >= 0 && parsed != length)
            {
                conflicting = true;
            }
            else
            {
                length = parsed;
            }
            if (comma < 0)
            {
                return;
            }
            value = value[(comma + 1)..];
        }
    }

    private static bool TryParseLength(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }
        foreach (var b in digits)
        {
            var d = (uint)(b - '0');
            if (d > 9 || value > (MaxContentLength - d) / 10)
            {
                return false;
            }
            value = (value * 10) + d;
        }
        return true;
    }
}
