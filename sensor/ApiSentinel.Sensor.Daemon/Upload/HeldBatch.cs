using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>A numbered batch as the <see cref="InFlightWindow"/> holds it: its calls as the queue encoded them.</summary>
#pragma warning disable CA1819 // immutable by use: the arrays are never changed after the batch is numbered
internal sealed record HeldBatch(ulong Sequence, byte[][] Calls)
#pragma warning restore CA1819
{
    /// <summary>The batch as sent, decoded again (for a resend, one batch at a time).</summary>
    public CallBatch Decode()
    {
        var batch = new CallBatch { Sequence = Sequence };
        foreach (var call in Calls)
        {
            batch.Calls.Add(Call.Parser.ParseFrom(call));
        }
        return batch;
    }
}
