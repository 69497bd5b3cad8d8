using ApiSentinel.Contract;
using Google.Protobuf;
using ApiSentinel.Ingest;
using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Collector.Service.Ingest;

/// <summary>
/// A wire batch → the calls the catalog ingests, the same way for a live stream and for a journal entry replayed at
/// start: each call through <see cref="CallMapping.FromWire"/>, attributed to the stream's authenticated sensor id
/// (the contract: the collector replaces <c>Call.source</c>, so a sensor cannot file calls under another's name).
/// </summary>
public static class BatchCodec
{
    public static IReadOnlyList<ApiCall> Calls(CallBatch batch, string sensorId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var calls = new ApiCall[batch.Calls.Count];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = CallMapping.FromWire(batch.Calls[i], sensorId);
        }
        return calls;
    }

    /// <summary>The journal's bytes of a batch: the wire encoding, so a replay decodes exactly what was received.</summary>
    public static byte[] Encode(CallBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.ToByteArray();
    }

    public static CallBatch Decode(ReadOnlyMemory<byte> bytes) => CallBatch.Parser.ParseFrom(bytes.Span);
}
