namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// The capture's clock, in microseconds since the Unix epoch. It only moves forward, so packets are written
/// in timestamp order as a real capture is.
/// </summary>
internal sealed class SimulatedClock(long startMicroseconds)
{
    public long Now { get; private set; } = startMicroseconds;

    public void Advance(long microseconds) => Now += microseconds;
}
