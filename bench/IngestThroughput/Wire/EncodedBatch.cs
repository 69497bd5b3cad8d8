namespace ApiSentinel.Bench.IngestThroughput.Wire;

/// <summary>
/// The <c>calls</c> of one <c>CallBatch</c>, encoded once before the run (field 2 entries, back to back), with where
/// each call's timestamp varint sits so every send can give its calls fresh event times without re-encoding.
/// </summary>
internal sealed record EncodedBatch(byte[] Calls, int[] TimestampOffsets);
