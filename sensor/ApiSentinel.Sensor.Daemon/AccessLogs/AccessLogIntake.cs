using ApiSentinel.Sensor.Daemon.Upload;
using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Daemon.AccessLogs;

/// <summary>
/// The door between the ALS streams and the call sink, closed first at shutdown: proxies keep streaming while the
/// daemon drains, so without it the queue would never empty and every shutdown would wait its whole deadline.
/// What arrives after <see cref="Close"/> is counted as a shutdown drop (nothing of it is kept).
/// </summary>
internal sealed class AccessLogIntake
{
    private readonly Action<ExchangeRecord> _sink;
    private readonly UploadCounters _counters;
    private volatile bool _closed;

    public AccessLogIntake(Action<ExchangeRecord> sink, UploadCounters counters)
    {
        _sink = sink;
        _counters = counters;
    }

    public void Accept(ExchangeRecord record)
    {
        if (_closed)
        {
            _counters.AddDropped(DropReasons.Shutdown, 1);
            return;
        }
        _sink(record);
    }

    public void Close() => _closed = true;
}
