using ApiSentinel.Contract;
using Google.Protobuf;
using ApiSentinel.Ingest;
using ApiSentinel.Ingest.Interning;
using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Collector.Service.Ingest;

/// <summary>
/// A wire batch → the calls the catalog ingests, the same way for a live stream and for a journal entry replayed at
/// start: each call through <see cref="CallMapping.FromWire(Call, string, WireInterner)"/>, attributed to the
/// stream's authenticated sensor id (the contract: the collector replaces <c>Call.source</c>, so a sensor cannot file
/// calls under another's name). One instance (a DI singleton) for every stream: its <see cref="WireInterner"/> gives
/// the names that repeat across calls one shared string, so the catalog compares them by reference and the decoder's
/// fresh copies die young (fresh strings double the catalog's cost: bench/RESULTS.md §3, <c>--fresh-strings</c>).
/// </summary>
public sealed class BatchCodec(WireInterner names)
{
    public IReadOnlyList<ApiCall> Calls(CallBatch batch, string sensorId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var calls = new ApiCall[batch.Calls.Count];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = CallMapping.FromWire(batch.Calls[i], sensorId, names);
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
