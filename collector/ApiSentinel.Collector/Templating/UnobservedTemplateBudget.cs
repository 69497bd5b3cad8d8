namespace ApiSentinel.Collector.Templating;

/// <summary>
/// How many unobserved templates all hosts' <see cref="UnobservedTemplateCache"/>s may hold together, and how many
/// were refused for want of room. 4,096 entries of a path (≤ 512 characters) and its template are a few MB, whatever the number of hosts
/// (a budget per host would be 1,000 hosts × its size).
/// </summary>
internal sealed class UnobservedTemplateBudget(int entries)
{
    public const int DefaultEntries = 4_096;

    private int _free = entries;

    /// <summary>Entries refused because the budget was spent: each such call built its template again.</summary>
    public long Refused { get; private set; }

    public int Free => _free;

    /// <summary>Counts an entry refused for another reason than room (a path too long to cache).</summary>
    public void Refuse() => Refused++;

    public bool TryTake()
    {
        if (_free == 0)
        {
            Refused++;
            return false;
        }

        _free--;
        return true;
    }

    public void Release(int count) => _free += count;
}
