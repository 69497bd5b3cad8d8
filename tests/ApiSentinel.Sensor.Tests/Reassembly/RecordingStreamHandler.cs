using System.Text;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Reassembly;

/// <summary>Records every callback as a readable line, plus each direction's bytes, for assertions.</summary>
internal sealed class RecordingStreamHandler : ITcpStreamHandler
{
    private readonly List<byte>[] _bytes = [[], []];

    public RecordingStreamHandler(ConnectionInfo connection) => Connection = connection;

    public ConnectionInfo Connection { get; }

    /// <summary>"data C2S hello", "gap S2C 5", "eos C2S", "close Fin".</summary>
    public List<string> Events { get; } = [];

    public List<long> Timestamps { get; } = [];

    public CloseReason? ClosedWith { get; private set; }

    public long[] GapBytes { get; } = new long[2];

    /// <summary>Throws from the next <see cref="OnData"/> call when set.</summary>
    public bool ThrowOnNextData { get; set; }

    public byte[] Bytes(FlowDirection direction) => [.. _bytes[(int)direction]];

    public string Text(FlowDirection direction) => Encoding.ASCII.GetString(Bytes(direction));

    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data, long timestampMicros)
    {
        Assert.Null(ClosedWith);
        Assert.False(data.IsEmpty);
        if (ThrowOnNextData)
        {
            ThrowOnNextData = false;
            throw new InvalidOperationException("handler failure");
        }
        _bytes[(int)direction].AddRange(data.ToArray());
        Record($"data {Name(direction)} {Encoding.ASCII.GetString(data)}", timestampMicros);
    }

    public void OnGap(FlowDirection direction, long missingBytes, long timestampMicros)
    {
        Assert.Null(ClosedWith);
        Assert.True(missingBytes > 0);
        GapBytes[(int)direction] += missingBytes;
        Record($"gap {Name(direction)} {missingBytes}", timestampMicros);
    }

    public void OnEndOfStream(FlowDirection direction, long timestampMicros)
    {
        Assert.Null(ClosedWith);
        Record($"eos {Name(direction)}", timestampMicros);
    }

    public void OnClose(CloseReason reason, long timestampMicros)
    {
        Assert.Null(ClosedWith);
        ClosedWith = reason;
        Record($"close {reason}", timestampMicros);
    }

    private void Record(string line, long timestampMicros)
    {
        Events.Add(line);
        Timestamps.Add(timestampMicros);
    }

    private static string Name(FlowDirection direction) =>
        direction == FlowDirection.ClientToServer ? "C2S" : "S2C";
}
