namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Thresholds and bounds of the <see cref="FindingDetector"/>. Durations are in microseconds because call
/// timestamps are; every window is measured on call timestamps (capture time), never on the wall clock, so a
/// replayed capture gives the same findings as the live one.
/// </summary>
public sealed class FindingOptions
{
    private const long MicrosPerSecond = 1_000_000;

    // ---- scanner ----

    /// <summary>Sliding window for scanner detection. Default 5 minutes.</summary>
    public long ScannerWindowMicros { get; set; } = 300 * MicrosPerSecond;

    /// <summary>Distinct path templates a client must hit within the window. Default 10.</summary>
    public int ScannerMinDistinctPaths { get; set; } = 10;

    /// <summary>Share of answered calls in the window that got 404 or 405. Default 0.5.</summary>
    public double ScannerMinErrorRatio { get; set; } = 0.5;

    /// <summary>A scanner episode with at least this many distinct paths is <c>high</c> rather than <c>medium</c>. Default 50.</summary>
    public int ScannerHighSeverityDistinctPaths { get; set; } = 50;

    /// <summary>Path templates listed in the <c>samplePaths</c> evidence. Default 10.</summary>
    public int ScannerSamplePaths { get; set; } = 10;

    // ---- enumeration ----

    /// <summary>Sliding window for id enumeration. Default 5 minutes.</summary>
    public long EnumerationWindowMicros { get; set; } = 300 * MicrosPerSecond;

    /// <summary>Distinct ids that must form one near-sequential run within the window. Default 10.</summary>
    public int EnumerationMinDistinctIds { get; set; } = 10;

    /// <summary>
    /// Largest gap between neighbouring ids (sorted) that still counts as a walk. Default 3: a tool stepping by
    /// one, or skipping the odd missing record, stays in the run; a client fetching random records does not.
    /// </summary>
    public long EnumerationMaxIdGap { get; set; } = 3;

    /// <summary>Parameterised endpoints (and parameter positions) tracked per client. Default 32; the least recently used goes.</summary>
    public int EnumerationMaxEndpointsPerClient { get; set; } = 32;

    /// <summary>An enumeration whose calls succeeded (2xx) at least this often is <c>high</c>: records were returned. Default 0.5.</summary>
    public double EnumerationHighSeveritySuccessRatio { get; set; } = 0.5;

    // ---- auth-failure burst ----

    /// <summary>Sliding window for 401/403 bursts. Default 1 minute.</summary>
    public long AuthFailureWindowMicros { get; set; } = 60 * MicrosPerSecond;

    /// <summary>401/403 answers to one client within the window. Default 10.</summary>
    public int AuthFailureMinCount { get; set; } = 10;

    /// <summary>An auth-failure episode with at least this many failures is <c>high</c> rather than <c>medium</c>. Default 100.</summary>
    public int AuthFailureHighSeverityCount { get; set; } = 100;

    // ---- episodes and bounds ----

    /// <summary>
    /// A new trigger within this long after an episode's last contributing call extends that episode instead of
    /// starting another. Default 5 minutes: one scan paused for a coffee is still one scan.
    /// </summary>
    public long EpisodeMergeGapMicros { get; set; } = 300 * MicrosPerSecond;

    /// <summary>Clients with live state; beyond it the least recently seen client is dropped (its open episodes are kept as findings). Default 10 000.</summary>
    public int MaxTrackedClients { get; set; } = 10_000;

    /// <summary>
    /// Sources (sensors, proxies) whose windows are kept, each on its own event time. Default 1 024: one sensor per
    /// node plus proxies fits the clusters this runs in; calls from further sources are counted, not tracked, and a
    /// source silent for longer than every window is closed out, freeing its place.
    /// </summary>
    public int MaxSources { get; set; } = 1_024;

    /// <summary>
    /// How far ahead of its latest call time a source's next call may be before it needs a second call to confirm the
    /// jump. Default 1 hour. One record stamped years ahead (an NTP step, a corrupt record) would otherwise move the
    /// source's clock there for good and expire every one of its clients on every later call, so no finding could fire
    /// again; a real step (or a source resuming after silence) is confirmed by its next call and taken.
    /// </summary>
    public long MaxUnconfirmedClockJumpMicros { get; set; } = 3_600 * MicrosPerSecond;

    /// <summary>Calls held per client per window; beyond it the oldest is dropped early. Default 1 000.</summary>
    public int MaxEventsPerWindow { get; set; } = 1_000;

    /// <summary>Endpoints listed per finding. Default 64.</summary>
    public int MaxEndpointsPerFinding { get; set; } = 64;

    /// <summary>Distinct values (path templates, ids) an episode remembers to count; counts above it are reported as a lower bound. Default 4 096.</summary>
    public int MaxDistinctPerEpisode { get; set; } = 4_096;

    /// <summary>Closed findings kept; newer ones beyond it are dropped and counted. Default 10 000.</summary>
    public int MaxFindings { get; set; } = 10_000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        RequirePositive(ScannerWindowMicros, nameof(ScannerWindowMicros));
        RequirePositive(ScannerMinDistinctPaths, nameof(ScannerMinDistinctPaths));
        RequireRatio(ScannerMinErrorRatio, nameof(ScannerMinErrorRatio));
        RequirePositive(ScannerHighSeverityDistinctPaths, nameof(ScannerHighSeverityDistinctPaths));
        RequirePositive(ScannerSamplePaths, nameof(ScannerSamplePaths));
        RequirePositive(EnumerationWindowMicros, nameof(EnumerationWindowMicros));
        RequirePositive(EnumerationMinDistinctIds, nameof(EnumerationMinDistinctIds));
        RequirePositive(EnumerationMaxIdGap, nameof(EnumerationMaxIdGap));
        RequirePositive(EnumerationMaxEndpointsPerClient, nameof(EnumerationMaxEndpointsPerClient));
        RequireRatio(EnumerationHighSeveritySuccessRatio, nameof(EnumerationHighSeveritySuccessRatio));
        RequirePositive(AuthFailureWindowMicros, nameof(AuthFailureWindowMicros));
        RequirePositive(AuthFailureMinCount, nameof(AuthFailureMinCount));
        RequirePositive(AuthFailureHighSeverityCount, nameof(AuthFailureHighSeverityCount));
        if (EpisodeMergeGapMicros < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(EpisodeMergeGapMicros), EpisodeMergeGapMicros, "must be zero or more");
        }

        RequirePositive(MaxTrackedClients, nameof(MaxTrackedClients));
        RequirePositive(MaxSources, nameof(MaxSources));
        RequirePositive(MaxEventsPerWindow, nameof(MaxEventsPerWindow));
        RequirePositive(MaxUnconfirmedClockJumpMicros, nameof(MaxUnconfirmedClockJumpMicros));
        RequirePositive(MaxEndpointsPerFinding, nameof(MaxEndpointsPerFinding));
        RequirePositive(MaxDistinctPerEpisode, nameof(MaxDistinctPerEpisode));
        RequirePositive(MaxFindings, nameof(MaxFindings));
        if (MaxEventsPerWindow < Math.Max(ScannerMinDistinctPaths, Math.Max(EnumerationMinDistinctIds, AuthFailureMinCount)))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEventsPerWindow), MaxEventsPerWindow, "must hold at least as many calls as the largest count threshold");
        }
    }

    private static void RequirePositive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be greater than zero");
        }
    }

    private static void RequireRatio(double value, string name)
    {
        if (!(value > 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be in (0, 1]");
        }
    }
}
