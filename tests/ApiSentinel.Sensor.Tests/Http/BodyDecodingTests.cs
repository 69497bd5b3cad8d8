using System.IO.Compression;
using System.Text;
using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Http;

public class BodyDecodingTests
{
    private static readonly string s_json = "{\"users\":[" + string.Join(",", Enumerable.Range(0, 200).Select(i => $"{{\"id\":{i},\"email\":\"u{i}@example.org\"}}")) + "]}";

    private static byte[] Compress(string coding, byte[] data)
    {
        using var output = new MemoryStream();
        using (Stream encoder = coding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "zlib" => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "raw" => new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => throw new ArgumentException(coding),
        })
        {
            encoder.Write(data);
        }
        return output.ToArray();
    }

    private static IReadOnlyList<RecordedTransaction> Exchange(string contentEncoding, byte[] body, Http1Options? options = null, bool chunked = false)
    {
        var head = Encoding.ASCII.GetBytes(chunked
            ? $"HTTP/1.1 200 OK\r\nContent-Encoding: {contentEncoding}\r\nTransfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n"
            : $"HTTP/1.1 200 OK\r\nContent-Encoding: {contentEncoding}\r\nContent-Length: {body.Length}\r\n\r\n");
        var tail = chunked ? "\r\n0\r\n\r\n"u8.ToArray() : [];
        return Http1Harness.RunBothWays(h => h.Client("GET / HTTP/1.1\r\n\r\n").Server([.. head, .. body, .. tail]).Close(), options);
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("x-gzip", "gzip")]
    [InlineData("deflate", "zlib")]
    [InlineData("deflate", "raw")]
    [InlineData("br", "br")]
    public void Encoded_bodies_are_decoded_for_inspection(string contentEncoding, string encoder)
    {
        var plain = Encoding.UTF8.GetBytes(s_json);
        var encoded = Compress(encoder, plain);

        var body = Assert.Single(Exchange(contentEncoding, encoded)).Response!.Body;
        Assert.Equal(encoded.Length, body.Length);
        Assert.Equal(contentEncoding, body.ContentEncoding);
        Assert.True(body.DecodedOk);
        Assert.False(body.InspectionTruncated);
        Assert.Equal(s_json, Encoding.UTF8.GetString(body.Inspected));
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("deflate", "raw")]
    [InlineData("br", "br")]
    public void Decoding_stops_at_the_inspection_limit(string contentEncoding, string encoder)
    {
        var plain = Encoding.UTF8.GetBytes(s_json);
        var body = Assert.Single(Exchange(contentEncoding, Compress(encoder, plain), new Http1Options { BodyInspectionLimit = 100 }, chunked: true))
            .Response!.Body;

        Assert.True(body.DecodedOk);
        Assert.True(body.InspectionTruncated);
        Assert.Equal(plain.AsSpan(0, 100).ToArray(), body.Inspected);
    }

    [Fact]
    public void Plain_body_is_copied_up_to_the_limit_and_counted_in_full()
    {
        var t = Http1Harness.RunBothWays(
            h => h.Client("POST / HTTP/1.1\r\nContent-Length: 26\r\n\r\nabcdefghijklmnopqrstuvwxyz").Close(),
            new Http1Options { BodyInspectionLimit = 10 });

        var body = Assert.Single(t).Request!.Body;
        Assert.Equal(26, body.Length);
        Assert.Equal("abcdefghij", body.InspectedText);
        Assert.True(body.InspectionTruncated);
        Assert.Null(body.ContentEncoding);
    }

    [Fact]
    public void Large_encoded_body_beyond_the_buffered_prefix_still_fills_the_window()
    {
        // Incompressible data: the encoded prefix kept must still decode to the full inspection window.
        var random = new Random(7);
        var plain = new byte[200_000];
        random.NextBytes(plain);
        var body = Assert.Single(Exchange("gzip", Compress("gzip", plain), new Http1Options { BodyInspectionLimit = 8192 })).Response!.Body;

        Assert.True(body.DecodedOk);
        Assert.True(body.InspectionTruncated);
        Assert.Equal(plain.AsSpan(0, 8192).ToArray(), body.Inspected);
    }

    [Fact]
    public void Corrupt_stream_is_a_decode_error_not_an_exception()
    {
        var h = new Http1Harness();
        var garbage = Encoding.ASCII.GetBytes("this is not gzip at all, not even close");
        h.Client("GET / HTTP/1.1\r\n\r\n")
            .Server([.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {garbage.Length}\r\n\r\n"), .. garbage])
            .Close();

        var body = Assert.Single(h.Transactions).Response!.Body;
        Assert.False(body.DecodedOk);
        Assert.Equal(1, h.Counters.DecodeErrors);
        Assert.Equal(garbage.Length, body.Length);
    }

    [Fact]
    public void Corrupt_brotli_is_a_decode_error()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 8\r\n\r\n\xff\xff\xff\xff\xff\xff\xff\xff")
            .Close();

        Assert.False(Assert.Single(h.Transactions).Response!.Body.DecodedOk);
        Assert.Equal(1, h.Counters.DecodeErrors);
    }

    [Fact]
    public void Unknown_coding_is_not_decoded()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\n\r\n").Server("HTTP/1.1 200 OK\r\nContent-Encoding: Compress\r\nContent-Length: 3\r\n\r\nabc").Close();

        var body = Assert.Single(h.Transactions).Response!.Body;
        Assert.False(body.DecodedOk);
        Assert.Equal("compress", body.ContentEncoding);
        Assert.Empty(body.Inspected);
        Assert.Equal(3, body.Length);
    }

    [Fact]
    public void Truncated_encoded_body_at_close_keeps_what_decoded()
    {
        var plain = Encoding.UTF8.GetBytes(s_json);
        var encoded = Compress("gzip", plain);
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\n\r\n")
            .Server([.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {encoded.Length}\r\n\r\n"), .. encoded.AsSpan(0, encoded.Length / 2)])
            .Close(ApiSentinel.Sensor.Reassembly.CloseReason.Reset);

        var body = Assert.Single(h.Transactions).Response!.Body;
        Assert.True(body.DecodedOk);
        Assert.False(body.Complete);
        Assert.True(body.InspectionTruncated);
        Assert.StartsWith("{\"users\":[", Encoding.UTF8.GetString(body.Inspected), StringComparison.Ordinal);
        Assert.Equal(0, h.Counters.DecodeErrors);
    }
}
