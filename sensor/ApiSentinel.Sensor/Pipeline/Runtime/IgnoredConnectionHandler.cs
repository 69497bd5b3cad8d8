using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Pipeline.Runtime;

/// <summary>
/// The handler of a connection outside the scope or the sample: the reassembler still tracks it (so its later
/// packets are recognised rather than opening it again) but nothing is parsed or reported.
/// </summary>
internal sealed class IgnoredConnectionHandler : ITcpStreamHandler
{
    public static readonly IgnoredConnectionHandler Instance = new();

    private IgnoredConnectionHandler()
    {
    }

    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data, long timestampMicros)
    {
    }

    public void OnGap(FlowDirection direction, long missingBytes, long timestampMicros)
    {
    }

    public void OnEndOfStream(FlowDirection direction, long timestampMicros)
    {
    }

    public void OnClose(CloseReason reason, long timestampMicros)
    {
    }
}
