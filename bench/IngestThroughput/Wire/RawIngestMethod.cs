using ApiSentinel.Ingest.V1Alpha1;
using Google.Protobuf;
using Grpc.Core;

namespace ApiSentinel.Bench.IngestThroughput.Wire;

/// <summary>
/// <c>apisentinel.ingest.v1alpha1.Ingest/Stream</c> with the sensor side sent as already-encoded
/// <c>SensorMessage</c> bytes: the same bytes on the wire as the generated client sends, without the generator
/// paying protobuf encoding on the cores the collector is measured on.
/// </summary>
internal static class RawIngestMethod
{
    private const int ChunkBytes = 64 * 1024;

    public static readonly Method<OutgoingMessage, CollectorMessage> Stream = new(
        MethodType.DuplexStreaming,
        Ingest.V1Alpha1.Ingest.Descriptor.FullName,
        "Stream",
        Marshallers.Create<OutgoingMessage>(Serialize, _ => throw new NotSupportedException("the client never reads a SensorMessage")),
        Marshallers.Create(m => m.ToByteArray(), CollectorMessage.Parser.ParseFrom));

    private static void Serialize(OutgoingMessage message, SerializationContext context)
    {
        context.SetPayloadLength(message.Bytes.Length);
        var writer = context.GetBufferWriter();
        for (var rest = message.Bytes.Span; !rest.IsEmpty;)
        {
            var n = Math.Min(rest.Length, ChunkBytes);
            rest[..n].CopyTo(writer.GetSpan(n));
            writer.Advance(n);
            rest = rest[n..];
        }
        context.Complete();
    }
}
