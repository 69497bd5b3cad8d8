namespace ApiSentinel.Collector.Storage;

/// <summary>How long stored usage is kept, and the group commit's limits.</summary>
public sealed class CollectorStoreOptions
{
    /// <summary>Hourly usage older than this (by the store's clock), and findings last seen before it, are deleted at each checkpoint.</summary>
    public TimeSpan UsageRetention { get; set; } = TimeSpan.FromDays(35);

    /// <summary>
    /// Appends that may share one transaction (and so one fsync). Appends waiting while a commit syncs join the next
    /// one; this only bounds how long one transaction (and the memory of its batches) may grow.
    /// </summary>
    public int MaxAppendsPerCommit { get; set; } = 1024;

    /// <summary>Batch bytes one transaction may hold before the rest waits for the next commit.</summary>
    public long MaxBytesPerCommit { get; set; } = 64L << 20;

    /// <summary>
    /// The most findings <see cref="CollectorStore.Findings"/> returns: the ones seen most recently. Rows past it stay
    /// stored (until the retention) but are not read, so one API request's memory is bounded.
    /// </summary>
    public int MaxFindingsRead { get; set; } = 1000;
}
