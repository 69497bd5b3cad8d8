using Microsoft.Extensions.Logging;

namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>The log category and event names of finding records: one record per finding opened or changed.</summary>
public static class FindingEvents
{
    /// <summary>The logger category every finding record is written under.</summary>
    public const string Category = "ApiSentinel.Findings";

    /// <summary>A finding first seen in a published snapshot.</summary>
    public const string Opened = "finding.opened";

    /// <summary>A finding seen before whose severity, summary, evidence or endpoints changed.</summary>
    public const string Updated = "finding.updated";

    internal static readonly EventId OpenedId = new(8101, Opened);

    internal static readonly EventId UpdatedId = new(8102, Updated);
}
