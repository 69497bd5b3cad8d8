namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>What the <see cref="ApiSpecController"/> did, so specs that fail or writes that do not land are visible.</summary>
public sealed class ApiSpecControllerCounters
{
    private long _reconciles;
    private long _parsed;
    private long _invalid;
    private long _removed;
    private long _statusWrites;
    private long _statusWritesDeferred;
    private long _statusWriteFailures;
    private long _events;
    private long _eventsSuppressed;
    private long _eventFailures;
    private long _failures;
    private long _recreated;
    private long _hashed;
    private long _configMapsFetched;

    /// <summary>ApiSpecs looked at (an event, a referenced ConfigMap's change, a build, a retry).</summary>
    public long Reconciles => Interlocked.Read(ref _reconciles);

    /// <summary>Documents parsed and handed to the catalog (each change once).</summary>
    public long Parsed => Interlocked.Read(ref _parsed);

    /// <summary>Documents found invalid or missing (each change once).</summary>
    public long Invalid => Interlocked.Read(ref _invalid);

    /// <summary>Specs taken out of the catalog (ApiSpec deleted, or its document became invalid).</summary>
    public long Removed => Interlocked.Read(ref _removed);

    public long StatusWrites => Interlocked.Read(ref _statusWrites);

    /// <summary>Status changes held back because the ApiSpec's status was written less than a refresh interval ago.</summary>
    public long StatusWritesDeferred => Interlocked.Read(ref _statusWritesDeferred);

    /// <summary>Status writes the API server refused or did not answer; retried at the next refresh.</summary>
    public long StatusWriteFailures => Interlocked.Read(ref _statusWriteFailures);

    /// <summary>Events created or counted up.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Repeats of an Event within its interval, not written.</summary>
    public long EventsSuppressed => Interlocked.Read(ref _eventsSuppressed);

    public long EventFailures => Interlocked.Read(ref _eventFailures);

    /// <summary>Reconciles that failed unexpectedly (retried at the next refresh).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>ApiSpecs found under a name with another uid than before (deleted and created again): started afresh.</summary>
    public long Recreated => Interlocked.Read(ref _recreated);

    internal void RecreatedOne() => Interlocked.Increment(ref _recreated);

    /// <summary>ConfigMaps fetched by name because an ApiSpec named them after the ConfigMap list (the watch ignored them before).</summary>
    public long ConfigMapsFetched => Interlocked.Read(ref _configMapsFetched);

    internal void ConfigMapFetched() => Interlocked.Increment(ref _configMapsFetched);

    /// <summary>Documents resolved and hashed (an ApiSpec or its ConfigMap changed; refresh ticks hash nothing).</summary>
    public long DocumentsHashed => Interlocked.Read(ref _hashed);

    internal void Hashed() => Interlocked.Increment(ref _hashed);

    internal void Reconciled() => Interlocked.Increment(ref _reconciles);

    internal void ParsedOne() => Interlocked.Increment(ref _parsed);

    internal void InvalidOne() => Interlocked.Increment(ref _invalid);

    internal void RemovedOne() => Interlocked.Increment(ref _removed);

    internal void StatusWritten() => Interlocked.Increment(ref _statusWrites);

    internal void StatusDeferred() => Interlocked.Increment(ref _statusWritesDeferred);

    internal void StatusWriteFailed() => Interlocked.Increment(ref _statusWriteFailures);

    internal void EventWritten() => Interlocked.Increment(ref _events);

    internal void EventSuppressed() => Interlocked.Increment(ref _eventsSuppressed);

    internal void EventFailed() => Interlocked.Increment(ref _eventFailures);

    internal void Failed() => Interlocked.Increment(ref _failures);
}
