using ApiSentinel.Collector.Findings;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>
/// Writes a log record for each finding that is new or changed since the previous snapshot — once per change, not
/// once per publish. Remembers only the findings of the last snapshot (which the catalog bounds), so a finding that
/// left the snapshot and comes back is logged as opened again. A finding is the previous snapshot's episode when it has
/// the same subject (<see cref="FindingRecord.Subject"/>) and their spans overlap; it then keeps that episode's id,
/// even when a late call moved its start earlier. After a restart every restored finding is logged once more as
/// opened, with an id from its start then: the log cannot know what an earlier process sent.
/// </summary>
internal sealed class FindingLog(ILogger logger)
{
    private readonly Lock _lock = new();
    private Dictionary<string, List<FindingRecord>> _seen = new(StringComparer.Ordinal);

    /// <summary>Logs the changes; returns how many records were opened and updated.</summary>
    public (int Opened, int Updated) Publish(IReadOnlyList<Finding> findings)
    {
        lock (_lock)
        {
            var now = new Dictionary<string, List<FindingRecord>>(StringComparer.Ordinal);
            var matched = new HashSet<FindingRecord>(ReferenceEqualityComparer.Instance);
            int opened = 0, updated = 0;
            foreach (var finding in findings)
            {
                var probe = new FindingRecord(finding);
                // The same episode as before: same subject, overlapping span (an episode only grows; two of one
                // subject are apart by at least the merge gap). Its id stays, however far its start moved.
                var before = _seen.GetValueOrDefault(probe.Subject)?.FirstOrDefault(r =>
                    !matched.Contains(r) && r.FromMicros <= finding.ToMicros && finding.FromMicros <= r.ToMicros);
                var record = before is null ? probe : new FindingRecord(finding, before.Id);
                var list = now.TryGetValue(record.Subject, out var existing) ? existing : now[record.Subject] = [];
                if (list.Any(r => r.Id == record.Id))
                {
                    continue;
                }
                list.Add(record);
                if (before is null)
                {
                    Write(FindingEvents.OpenedId, record);
                    opened++;
                }
                else
                {
                    matched.Add(before);
                    if (!string.Equals(before.Fingerprint, record.Fingerprint, StringComparison.Ordinal))
                    {
                        Write(FindingEvents.UpdatedId, record);
                        updated++;
                    }
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
