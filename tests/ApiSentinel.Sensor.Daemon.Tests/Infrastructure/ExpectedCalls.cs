using ApiSentinel.Ingest;
using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Calls;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

/// <summary>The calls a capture yields through the library directly, to compare with what reached the collector.</summary>
internal static class ExpectedCalls
{
    public static List<Call> Of(string pcap)
    {
        var calls = new List<Call>();
        var pipeline = new TrafficPipeline(new SensorOptions(), r =>
        {
            if (ExchangeToCall.Map(r, "expected") is { } call)
            {
                calls.Add(CallMapping.ToWire(call));
            }
        });
        using var source = CaptureFileSource.Open(pcap);
        pipeline.Run(source);
        pipeline.Complete();
        return calls;
    }

    /// <summary>What identifies a call independently of the process that extracted it (fingerprint keys differ per process).</summary>
    public static string Identity(Call c) =>
        $"{c.TimestampMicros} {c.Connection} {c.Method} {c.Host} {c.Path} {(c.HasStatus ? c.Status : -1)}";
}
