using System.Globalization;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// What was written. Printed as <c>key=value</c> lines on stderr: bench/run-exchanges.sh reads
/// <c>exchanges=</c> and <c>packets=</c> from it to check the analyser's output.
/// </summary>
internal sealed class GenerationSummary
{
    public long Packets { get; set; }

    public long Bytes { get; set; }

    public long Connections { get; set; }

    public long Exchanges { get; set; }

    public long RequestsWithBody { get; set; }

    public long GzipResponses { get; set; }

    public long ChunkedResponses { get; set; }

    public long Status2xx { get; set; }

    public long Status401 { get; set; }

    public long Status404 { get; set; }

    public long Status500 { get; set; }

    public long RequestBodyBytes { get; set; }

    public long ResponseBodyBytes { get; set; }

    public void CountResponse(int status, EncodedBody? body)
    {
        switch (status)
        {
            case < 300: Status2xx++; break;
            case 401: Status401++; break;
            case 404: Status404++; break;
            default: Status500++; break;
        }

        if (body is null)
        {
            return;
        }

        ResponseBodyBytes += body.EntityLength;
        if (body.IsGzip)
        {
            GzipResponses++;
        }

        if (body.IsChunked)
        {
            ChunkedResponses++;
        }
    }

    public void CountRequest(EncodedBody? body)
    {
        Exchanges++;
        if (body is not null)
        {
            RequestsWithBody++;
            RequestBodyBytes += body.EntityLength;
        }
    }

    public void WriteTo(TextWriter writer)
    {
        (string Key, long Value)[] lines =
        [
            ("packets", Packets), ("bytes", Bytes), ("connections", Connections), ("exchanges", Exchanges),
            ("requests_with_body", RequestsWithBody), ("responses_gzip", GzipResponses), ("responses_chunked", ChunkedResponses),
            ("status_2xx", Status2xx), ("status_401", Status401), ("status_404", Status404), ("status_500", Status500),
            ("request_body_bytes", RequestBodyBytes), ("response_body_bytes", ResponseBodyBytes),
        ];
        foreach ((string key, long value) in lines)
        {
            writer.WriteLine(key + "=" + value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
