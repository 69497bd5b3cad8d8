namespace ApiSentinel.Bench.Accuracy.Output;

/// <summary>One frame and its capture time, before the frames of all connections are merged in time order.</summary>
internal readonly record struct CapturedPacket(DateTime Time, long Order, byte[] Frame);
