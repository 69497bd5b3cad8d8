using System.IO.Compression;
using System.Text;

namespace ApiSentinel.Cli.Tests.Adversarial.Privacy;

/// <summary>
/// One generated HTTP/1.1 exchange carrying planted markers, in the two forms the CLI reads: the bytes on the
/// wire (for a pcap: request line, headers, body as encoded — gzip, chunked) and the HAR entry a browser would
/// record (decoded bodies, an absolute URL). Exchanges that a HAR cannot express (a CONNECT, a target with no
/// absolute URL) have no <see cref="HarUrl"/>.
/// </summary>
internal sealed class PlantedExchange
{
    public string Method { get; init; } = "GET";

    /// <summary>The request target as sent on the wire (origin-, absolute- or authority-form).</summary>
    public required string Target { get; init; }

    /// <summary>The URL of the HAR entry; null when the exchange only exists on the wire.</summary>
    public string? HarUrl { get; init; }

    /// <summary>Request headers in order, Host included; Content-Length is added for a body unless chunked.</summary>
    public List<(string Name, string Value)> RequestHeaders { get; init; } = [];

    /// <summary>The request body as the application wrote it (before any content-encoding).</summary>
    public string? RequestBody { get; init; }

    public bool GzipRequestBody { get; init; }

    public int Status { get; init; } = 200;

    public List<(string Name, string Value)> ResponseHeaders { get; init; } = [];

    public string? ResponseBody { get; init; }

    public bool GzipResponseBody { get; init; }

    public bool ChunkedResponse { get; init; }

    public byte[] RequestBytes() => Message($"{Method} {Target} HTTP/1.1", RequestHeaders, RequestBody, GzipRequestBody, chunked: false);

    public byte[] ResponseBytes() => Message($"HTTP/1.1 {Status} {(Status < 400 ? "OK" : "Error")}", ResponseHeaders, ResponseBody, GzipResponseBody, ChunkedResponse);

    private static byte[] Message(string startLine, List<(string Name, string Value)> headers, string? body, bool gzip, bool chunked)
    {
        var entity = body is null ? [] : Encoding.UTF8.GetBytes(body);
        if (gzip)
        {
            entity = Gzip(entity);
        }
        var head = new StringBuilder(startLine).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        if (gzip)
        {
            head.Append("Content-Encoding: gzip\r\n");
        }
        if (chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
        }
        else if (body is not null || startLine.StartsWith("HTTP/", StringComparison.Ordinal))
        {
            head.Append("Content-Length: ").Append(entity.Length).Append("\r\n");
        }
        head.Append("\r\n");
        using var bytes = new MemoryStream();
        bytes.Write(Encoding.UTF8.GetBytes(head.ToString()));
        if (chunked)
        {
            // Uneven chunks, so a value can straddle a chunk boundary and the de-chunked body is what gets scanned.
            for (var offset = 0; offset < entity.Length; offset += 37)
            {
                var length = Math.Min(37, entity.Length - offset);
                bytes.Write(Encoding.ASCII.GetBytes($"{length:x}\r\n"));
                bytes.Write(entity, offset, length);
                bytes.Write("\r\n"u8);
            }
            bytes.Write("0\r\n\r\n"u8);
        }
        else
        {
            bytes.Write(entity);
        }
        return bytes.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }
}
