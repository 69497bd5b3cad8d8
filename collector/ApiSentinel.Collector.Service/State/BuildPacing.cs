namespace ApiSentinel.Collector.Service.State;

/// <summary>
/// Whether a scheduled build (or checkpoint) of the catalog is worth running at this tick. Not when the owner applied
/// no change since the last one (<see cref="ApiSentinel.Collector.Catalog.CatalogOwner.Changes"/>): it would equal the
/// last one. And not before <see cref="CostFactor"/> times the last one's duration has passed since it started, so
/// that under load the builds take at most about a fifth of the owner's time — unless <c>longest</c> has passed, which
/// bounds how stale the snapshot can get. Builds and checkpoints took ~21 % of the collector's CPU at 2 s / 10 s
/// cadence with 3,800 endpoints, the engine's own ingest 3–4 % (bench/RESULTS.md §6).
/// </summary>
/// <remarks>
/// The duration is the caller's wait for the result: the build's own time plus the queued batches ingested before
/// it, so it overstates the build under load; <c>longest</c> caps the effect. One instance per loop, one thread.
/// </remarks>
public sealed class BuildPacing(TimeProvider time, TimeSpan longest)
{
    /// <summary>The interval between two runs is at least this many times the last run's duration.</summary>
    public const int CostFactor = 5;

    private long _changes = -1;
    private long _started;
    private TimeSpan _took;
    private bool _ran;

    /// <summary>True when a run now is worth it, given the owner's <paramref name="changes"/> as read now.</summary>
    public bool Due(long changes)
    {
        if (changes == _changes)
        {
            return false;
        }
        if (!_ran)
        {
            return true;
        }
        var since = time.GetElapsedTime(_started);
        return since >= longest || since >= _took * CostFactor;
    }

    /// <summary>A run starts now.</summary>
    public void Started() => _started = time.GetTimestamp();

    /// <summary>The run started last completed, covering everything up to <paramref name="changes"/> (read before it started).</summary>
    public void Completed(long changes)
    {
        _took = time.GetElapsedTime(_started);
        _changes = changes;
        _ran = true;
    }
}
