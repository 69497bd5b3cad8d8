namespace ApiSentinel.Collector.Findings;

/// <summary>Findings whose episode has ended, capped at <see cref="FindingOptions.MaxFindings"/>; overflow is counted.</summary>
internal sealed partial class ClosedFindings(int cap, FindingCounters counters)
{
    private readonly List<Finding> _findings = [];

    public IReadOnlyList<Finding> All => _findings;

    public void Add(Finding finding)
    {
        if (_findings.Count >= cap)
        {
            counters.FindingsDropped++;
            return;
        }

        _findings.Add(finding);
    }
}
