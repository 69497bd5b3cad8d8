namespace ApiSentinel.Sensor.Http;

/// <summary>
/// Parses request and status lines leniently: what was sent is kept where the meaning is unambiguous
/// (an empty target, a missing or garbled version), because a passive monitor must describe traffic that
/// a strict server would have rejected.
/// </summary>
internal static class Http1StartLineParser
{
    /// <summary>
    /// Fills method, target and version. Returns true for a versionless line (<c>GET /path</c>): an HTTP/0.9
    /// simple request, which has no header block and whose response has no status line.
    /// </summary>
    public static bool ParseRequestLine(ReadOnlySpan<byte> line, ParsedRequest request)
    {
        var method = SplitMethod(line, out var rest);
        var lastSpace = rest.LastIndexOf((byte)' ');
        ReadOnlySpan<byte> target;
        bool simple;
        HttpProtocolVersion version;
        if (lastSpace >= 0)
        {
            // "GET /a b HTTP/1.1": the version is the last token, the target everything between.
            target = rest[..lastSpace].TrimEnd(" \t"u8);
            version = ParseVersion(rest[(lastSpace + 1)..]);
            simple = false;
        }
        else if (rest.StartsWith("HTTP/"u8))
        {
            // "GET HTTP/1.1" (corpus http__no-uri.pcap): the target is empty, not the version.
            target = default;
            version = ParseVersion(rest);
            simple = false;
        }
        else
        {
            target = rest;
            version = method.SequenceEqual("GET"u8) ? HttpProtocolVersion.Http09 : HttpProtocolVersion.Unknown;
            simple = true;
        }
        request.SetLine(method, target);
        request.Version = version;
        return simple;
    }

    /// <summary>True for <c>GET /path</c>: one token after the method and it is not a version.</summary>
    public static bool IsVersionless(ReadOnlySpan<byte> line)
    {
        SplitMethod(line, out var rest);
        return rest.IndexOf((byte)' ') < 0 && !rest.StartsWith("HTTP/"u8);
    }

    private static ReadOnlySpan<byte> SplitMethod(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> rest)
    {
        var firstSpace = line.IndexOf((byte)' ');
        rest = firstSpace < 0 ? default : line[(firstSpace + 1)..].Trim(" \t"u8);
        return firstSpace < 0 ? line : line[..firstSpace];
    }

    /// <summary>Fills version and status code; false when the line has no three-digit code (code left 0).</summary>
    public static bool ParseStatusLine(ReadOnlySpan<byte> line, ParsedResponse response)
    {
        var space = line.IndexOf((byte)' ');
        response.Version = ParseVersion(space < 0 ? line : line[..space]);
        if (space < 0)
        {
            return false;
        }
        var rest = line[(space + 1)..].TrimStart((byte)' ');
        if (rest.Length < 3 || !IsDigit(rest[0]) || !IsDigit(rest[1]) || !IsDigit(rest[2])
            || (rest.Length > 3 && rest[3] != (byte)' ' && rest[3] != (byte)'\t'))
        {
            return false;
        }
        response.StatusCode = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
        return true;
    }

    public static HttpProtocolVersion ParseVersion(ReadOnlySpan<byte> token)
    {
        if (token.SequenceEqual("HTTP/1.1"u8))
        {
            return HttpProtocolVersion.Http11;
        }
        if (token.SequenceEqual("HTTP/1.0"u8))
        {
            return HttpProtocolVersion.Http10;
        }
        return token.SequenceEqual("HTTP/0.9"u8) ? HttpProtocolVersion.Http09 : HttpProtocolVersion.Unknown;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
