namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>
/// The uploader's running totals, thread-safe: calls are queued from capture and gRPC threads, sent and acknowledged
/// on the uploader's. Exported on /metrics, in the counter log line and in SensorStatus.
/// </summary>
internal sealed class UploadCounters
{
    private long _callsQueued;
    private long _callsSent;
    private long _callsResent;
    private long _callsAcknowledged;
    private long _batchesSent;
    private long _reconnects;
    private long _authenticationFailures;
    private long _configurationsReceived;
    private long _configurationsRejected;
    private long _sequenceRestarts;
    private long _droppedQueueFull;
    private long _droppedShutdown;
    private long _droppedNotACall;

    public long CallsQueued => Volatile.Read(ref _callsQueued);
    public long CallsSent => Volatile.Read(ref _callsSent);
    public long CallsResent => Volatile.Read(ref _callsResent);
    public long CallsAcknowledged => Volatile.Read(ref _callsAcknowledged);
    public long BatchesSent => Volatile.Read(ref _batchesSent);
    public long Reconnects => Volatile.Read(ref _reconnects);
    public long AuthenticationFailures => Volatile.Read(ref _authenticationFailures);
    public long ConfigurationsReceived => Volatile.Read(ref _configurationsReceived);
    public long ConfigurationsRejected => Volatile.Read(ref _configurationsRejected);
    public long SequenceRestarts => Volatile.Read(ref _sequenceRestarts);

    /// <summary>Streams the collector ended with an error again on the same oldest unacknowledged batch.</summary>
    public long RepeatedRefusals => Volatile.Read(ref _repeatedRefusals);

    private long _repeatedRefusals;

    public long Dropped(string reason) => reason switch
    {
        DropReasons.QueueFull => Volatile.Read(ref _droppedQueueFull),
        DropReasons.Shutdown => Volatile.Read(ref _droppedShutdown),
        DropReasons.NotACall => Volatile.Read(ref _droppedNotACall),
        _ => 0,
    };

    public void AddQueued(long count) => Interlocked.Add(ref _callsQueued, count);
    public void AddSent(long count) => Interlocked.Add(ref _callsSent, count);
    public void AddResent(long count) => Interlocked.Add(ref _callsResent, count);
    public void AddAcknowledged(long count) => Interlocked.Add(ref _callsAcknowledged, count);
    public void AddBatchSent() => Interlocked.Increment(ref _batchesSent);
    public void AddReconnect() => Interlocked.Increment(ref _reconnects);
    public void AddAuthenticationFailure() => Interlocked.Increment(ref _authenticationFailures);
    public void AddConfigurationReceived() => Interlocked.Increment(ref _configurationsReceived);
    public void AddConfigurationRejected() => Interlocked.Increment(ref _configurationsRejected);
    public void AddSequenceRestart() => Interlocked.Increment(ref _sequenceRestarts);

    public void AddRepeatedRefusal() => Interlocked.Increment(ref _repeatedRefusals);

    public void AddDropped(string reason, long count)
    {
        switch (reason)
        {
            case DropReasons.QueueFull:
                Interlocked.Add(ref _droppedQueueFull, count);
                break;
            case DropReasons.Shutdown:
                Interlocked.Add(ref _droppedShutdown, count);
                break;
            case DropReasons.NotACall:
                Interlocked.Add(ref _droppedNotACall, count);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(reason), reason, "not one of DropReasons");
        }
    }
}
