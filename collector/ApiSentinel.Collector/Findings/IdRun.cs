namespace ApiSentinel.Collector.Findings;

/// <summary>The longest stretch of sorted distinct ids whose neighbours are at most the allowed gap apart.</summary>
internal readonly record struct IdRun(long First, long Last, int Length);
