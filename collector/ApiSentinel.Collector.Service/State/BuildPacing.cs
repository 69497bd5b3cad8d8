namespace ApiSentinel.Collector.Service.State;

/// <summary>
/// Whether a scheduled build (or checkpoint) of the catalog is worth running at this tick. Not when the owner applied
/// no change since the last one (<see cref="ApiSentinel.Collector.Catalog.CatalogOwner.Changes"/>) — unless
/// <c>idleRefresh</c> has passed: a build also does clock-driven work (it closes the finding episodes of sources gone
/// silent, in two builds) and may rename endpoints as templates settle, and a checkpoint prunes retention, so an idle
/// collector still runs now and then. And not before <c>costFactor</c> times the last run's duration has passed since it
/// started, so that under load builds take at most about a fifth of the owner's time — unless <c>longest</c> has
/// passed, which bounds how stale the snapshot can get. Builds and checkpoints took ~21 % of the collector's CPU at
/// 2 s / 10 s cadence with 3,800 endpoints, the engine's own ingest 3–4 % (bench/RESULTS.md §6).
/// </summary>
/// <remarks>
/// The duration is the caller's wait for the result: the build's own time plus the queued batches ingested before
/// it, so it overstates the build under load; <c>longest</c> caps the effect. Elapsed times get <see cref="Slack"/>:
/// a periodic timer's k-th tick after a run's start comes a few milliseconds short of k intervals (the start is taken
/// after the tick's continuation runs), and without it every bound that is a whole number of ticks would be missed by
/// one tick. One instance per loop, one thread.
/// </remarks>
public sealed class BuildPacing
{
    /// <summary>The interval between two builds is at least this many times the last one's duration.</summary>
    public const int CostFactor = 5;

    /// <summary>Added to elapsed times, see the remarks.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider _time;
    private readonly TimeSpan _longest;
    private readonly TimeSpan? _idleRefresh;
    private readonly int _costFactor;
    private long _changes = -1;
    private long _started;
    private TimeSpan _took;
    private bool _ran;

    /// <param name="time">The clock.</param>
    /// <param name="longest">A changed catalog runs at least this often, whatever the last run cost.</param>
    /// <param name="idleRefresh">An unchanged catalog still runs this often; null: never.</param>
    /// <param name="costFactor">Runs are spaced to this many times the last one's duration (0: no spacing).</param>
    public BuildPacing(TimeProvider time, TimeSpan longest, TimeSpan? idleRefresh = null, int costFactor = CostFactor)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(costFactor);
        _time = time;
        _longest = longest;
        _idleRefresh = idleRefresh;
        _costFactor = costFactor;
    }

    /// <summary>True when a run now is worth it, given the owner's <paramref name="changes"/> as read now.</summary>
    public bool Due(long changes)
    {
        if (!_ran)
        {
            return true;
        }
        var since = _time.GetElapsedTime(_started) + Slack;
        if (changes == _changes)
        {
            return _idleRefresh is { } idle && since >= idle;
        }
        return since >= _longest || since >= _took * _costFactor;
    }

    /// <summary>A run starts now.</summary>
    public void Started() => _started = _time.GetTimestamp();

    /// <summary>The run started last completed, covering everything up to <paramref name="changes"/> (read before it started).</summary>
    public void Completed(long changes)
    {
        _took = _time.GetElapsedTime(_started);
        _changes = changes;
        _ran = true;
    }
}
