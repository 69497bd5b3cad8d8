using System.IO.Compression;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// Every response body the generator can send, precomputed once (≈4 MB) so that producing a gigabyte costs
/// copies, not JSON serialisation or compression. Collection sizes are log-spaced from a few hundred bytes
/// to 200 KB and drawn from a truncated Pareto distribution (α = 0.7, x_min = 400 B): median ≈ 1 KB,
/// mean ≈ 7–8 KB, a heavy tail of large pages — the shape API gateways typically report.
/// </summary>
internal sealed class ResponseBodyCatalog
{
    private const int MinCollectionBytes = 300;
    private const int MaxCollectionBytes = 200_000;
    private const int CollectionSizeSteps = 48;
    private const double ParetoMinimum = 400;
    private const double ParetoAlpha = 0.7;

    // [size step][variant]: identity, gzip, chunked, chunked gzip.
    private readonly EncodedBody[][] _collections;
    private readonly EncodedBody[] _singles;
    private readonly EncodedBody[] _singlesChunked;

    public ResponseBodyCatalog(DeterministicRandom random)
    {
        _collections = new EncodedBody[CollectionSizeSteps][];
        double ratio = Math.Log((double)MaxCollectionBytes / MinCollectionBytes) / (CollectionSizeSteps - 1);
        for (int step = 0; step < CollectionSizeSteps; step++)
        {
            int target = (int)(MinCollectionBytes * Math.Exp(ratio * step));
            byte[] entity = JsonDocumentFactory.Collection(target, random);
            byte[] gzip = Gzip(entity);
            _collections[step] =
            [
                new EncodedBody(entity, entity.Length, isChunked: false, isGzip: false),
                new EncodedBody(gzip, gzip.Length, isChunked: false, isGzip: true),
                new EncodedBody(ChunkedEncoder.Encode(entity, random), entity.Length, isChunked: true, isGzip: false),
                new EncodedBody(ChunkedEncoder.Encode(gzip, random), gzip.Length, isChunked: true, isGzip: true),
            ];
        }

        _singles = new EncodedBody[32];
        _singlesChunked = new EncodedBody[_singles.Length];
        for (int i = 0; i < _singles.Length; i++)
        {
            byte[] entity = JsonDocumentFactory.Single(random);
            _singles[i] = new EncodedBody(entity, entity.Length, isChunked: false, isGzip: false);
            _singlesChunked[i] = new EncodedBody(ChunkedEncoder.Encode(entity, random), entity.Length, isChunked: true, isGzip: false);
        }

        NotFound = Problem(404, "Not Found", random);
        Unauthorized = Problem(401, "Unauthorized", random);
        ServerError = Problem(500, "Internal Server Error", random);
    }

    public EncodedBody NotFound { get; }

    public EncodedBody Unauthorized { get; }

    public EncodedBody ServerError { get; }

    public EncodedBody Collection(DeterministicRandom random, bool gzip, bool chunked)
    {
        double size = ParetoMinimum * Math.Pow(1 - random.NextDouble(), -1 / ParetoAlpha);
        size = Math.Clamp(size, MinCollectionBytes, MaxCollectionBytes);
        int step = (int)Math.Round(Math.Log(size / MinCollectionBytes) / Math.Log((double)MaxCollectionBytes / MinCollectionBytes) * (CollectionSizeSteps - 1));
        EncodedBody[] variants = _collections[step];

        // Servers do not bother compressing bodies under ~1 KB (nginx gzip_min_length, ASP.NET defaults).
        bool compress = gzip && variants[0].EntityLength >= 1024;
        return variants[(compress ? 1 : 0) + (chunked ? 2 : 0)];
    }

    public EncodedBody Single(DeterministicRandom random, bool chunked)
    {
        int index = random.Next(_singles.Length);
        return chunked ? _singlesChunked[index] : _singles[index];
    }

    private static EncodedBody Problem(int status, string title, DeterministicRandom random)
    {
        byte[] entity = JsonDocumentFactory.Problem(status, title, random);
        return new EncodedBody(entity, entity.Length, isChunked: false, isGzip: false);
    }

    private static byte[] Gzip(byte[] entity)
    {
        using var output = new MemoryStream(entity.Length / 3 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(entity);
        }

        return output.ToArray();
    }
}
