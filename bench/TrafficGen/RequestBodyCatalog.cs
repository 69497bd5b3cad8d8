namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// Precomputed JSON request bodies for POST/PUT/PATCH. Most are a few hundred bytes; about one in eight spans
/// several TCP segments, so request reassembly is exercised too.
/// </summary>
internal sealed class RequestBodyCatalog
{
    private readonly EncodedBody[] _bodies;

    public RequestBodyCatalog(DeterministicRandom random)
    {
        _bodies = new EncodedBody[48];
        for (int i = 0; i < _bodies.Length; i++)
        {
            int target = i % 8 == 7 ? random.Next(2_000, 12_000) : random.Next(150, 1_200);
            byte[] body = JsonDocumentFactory.RequestBody(target, random);
            _bodies[i] = new EncodedBody(body, body.Length, isChunked: false, isGzip: false);
        }
    }

    public EncodedBody Pick(DeterministicRandom random) => _bodies[random.Next(_bodies.Length)];
}
