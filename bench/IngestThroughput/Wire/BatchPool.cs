using ApiSentinel.Bench.IngestThroughput.Corpus;
using ApiSentinel.Contract;
using ApiSentinel.Ingest;
using Google.Protobuf;

namespace ApiSentinel.Bench.IngestThroughput.Wire;

/// <summary>
/// Widened calls encoded once into batches with <see cref="CallMapping.ToWire"/> — what a sensor sends — so the load
/// generator spends its (shared) CPU on framing and copying only, and sends every call's real encoded bytes.
/// </summary>
internal sealed class BatchPool
{
    private const byte CallsTag = (2 << 3) | 2; // CallBatch.calls: field 2, length-delimited
    private const byte TimestampTag = (1 << 3) | 0; // Call.timestamp_micros: field 1, varint

    private BatchPool(EncodedBatch[] batches, int batchSize, long encodedBytes)
    {
        Batches = batches;
        BatchSize = batchSize;
        EncodedBytes = encodedBytes;
    }

    public EncodedBatch[] Batches { get; }

    public int BatchSize { get; }

    public long EncodedBytes { get; }

    public int Calls => Batches.Length * BatchSize;

    public static BatchPool Build(CallWidener widener, int batches, int batchSize)
    {
        // A placeholder event time of the right width; every send overwrites it.
        var placeholder = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        var result = new EncodedBatch[batches];
        long bytes = 0;
        Span<byte> length = stackalloc byte[10];
        for (var b = 0; b < batches; b++)
        {
            using var body = new MemoryStream();
            var offsets = new int[batchSize];
            for (var i = 0; i < batchSize; i++)
            {
                var encoded = CallMapping.ToWire(widener.Next(placeholder)).ToByteArray();
                if (encoded[0] != TimestampTag || Varint.Length((ulong)placeholder) != Varint.TimestampBytes)
                {
                    throw new InvalidOperationException("a call's encoding does not start with its 8-byte timestamp");
                }
                body.WriteByte(CallsTag);
                body.Write(length[..Varint.Write(length, (ulong)encoded.Length)]);
                offsets[i] = (int)body.Position + 1;
                body.Write(encoded);
            }
            result[b] = new EncodedBatch(body.ToArray(), offsets);
            bytes += result[b].Calls.Length;
        }
        return new BatchPool(result, batchSize, bytes);
    }

    /// <summary>The decoded calls of a batch, as the collector's mapping gives them (for the in-process references).</summary>
    public static IReadOnlyList<ApiCall> Decode(ReadOnlySpan<byte> message, string source)
    {
        var parsed = Ingest.V1Alpha1.SensorMessage.Parser.ParseFrom(message);
        return [.. parsed.Batch.Calls.Select(c => CallMapping.FromWire(c, source))];
    }
}
