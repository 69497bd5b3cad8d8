using ApiSentinel.Ingest;
using ApiSentinel.Sensor.Calls;
using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>
/// Where every exchange record goes, from capture threads and ALS streams alike: record → <see cref="ExchangeToCall"/>
/// → <see cref="CallMapping.ToWire"/> (the same mapping embedded mode uses) → the upload queue. A record that is not a
/// call is counted (<see cref="DropReasons.NotACall"/>). Thread-safe.
/// </summary>
internal sealed class CallSink
{
    private readonly string _sensorId;
    private readonly CallQueue _queue;
    private readonly UploadCounters _counters;
    private WorkloadLabels? _labels;

    public CallSink(string sensorId, CallQueue queue, UploadCounters counters)
    {
        _sensorId = sensorId;
        _queue = queue;
        _counters = counters;
    }

    /// <summary>Labels calls from now on (the collector's latest scope); null: no labels.</summary>
    public void SetLabels(WorkloadLabels? labels) => Volatile.Write(ref _labels, labels);

    public void Accept(ExchangeRecord record)
    {
        if (ExchangeToCall.Map(record, _sensorId) is { } call)
        {
            var wire = CallMapping.ToWire(call);
            if (Volatile.Read(ref _labels) is { } labels && labels.TryFind(wire.Server, out var ns, out var workload))
            {
                wire.Namespace = ns;
                wire.Workload = workload;
            }
            _queue.Enqueue(wire);
        }
        else
        {
            _counters.AddDropped(DropReasons.NotACall, 1);
        }
    }
}
