namespace ApiSentinel.Bench.IngestThroughput.Wire;

/// <summary>An already-encoded <c>SensorMessage</c> (gRPC request types must be classes).</summary>
internal sealed record OutgoingMessage(ReadOnlyMemory<byte> Bytes);
