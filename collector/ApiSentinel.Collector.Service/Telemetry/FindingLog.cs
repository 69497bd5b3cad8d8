using ApiSentinel.Collector.Findings;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>
/// Writes a log record for each finding that is new or changed since the previous snapshot — once per change, not
/// once per publish. Remembers only the findings of the last snapshot (which the catalog bounds), so a finding that
/// left the snapshot and comes back is logged as opened again. After a restart every restored finding is logged
/// once more as opened: the log cannot know what an earlier process sent.
/// </summary>
internal sealed class FindingLog(ILogger logger)
{
    private readonly Lock _lock = new();
    private Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    /// <summary>Logs the changes; returns how many records were opened and updated.</summary>
    public (int Opened, int Updated) Publish(IReadOnlyList<Finding> findings)
    {
        lock (_lock)
        {
            var now = new Dictionary<string, string>(findings.Count, StringComparer.Ordinal);
            int opened = 0, updated = 0;
            foreach (var finding in findings)
            {
                var record = new FindingRecord(finding);
                if (!now.TryAdd(record.Identity, record.Fingerprint))
                {
                    continue;
                }

                if (!_seen.TryGetValue(record.Identity, out var before))
                {
                    Write(FindingEvents.OpenedId, record);
                    opened++;
                }
                else if (!string.Equals(before, record.Fingerprint, StringComparison.Ordinal))
                {
                    Write(FindingEvents.UpdatedId, record);
                    updated++;
                }
            }

            _seen = now;
            return (opened, updated);
        }
    }

    private void Write(EventId id, FindingRecord record) =>
        logger.Log(LevelOf(record.Severity), id, record, null, static (state, _) => state.Summary);

    /// <summary>Low and medium findings are information, high a warning, critical an error: what an operator's alerting keys on.</summary>
    private static LogLevel LevelOf(string severity) => severity switch
    {
        FindingSeverities.Critical => LogLevel.Error,
        FindingSeverities.High => LogLevel.Warning,
        _ => LogLevel.Information,
    };
}
