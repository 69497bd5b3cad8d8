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

    public CallSink(string sensorId, CallQueue queue, UploadCounters counters)
    {
        _sensorId = sensorId;
        _queue = queue;
        _counters = counters;
    }

    public void Accept(ExchangeRecord record)
    {
        if (ExchangeToCall.Map(record, _sensorId) is { } call)
        {
            _queue.Enqueue(CallMapping.ToWire(call));
        }
        else
        {
            _counters.AddDropped(DropReasons.NotACall, 1);
        }
    }
}
