namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Counts occurrences per key with bounded memory (the space-saving algorithm): at most <see cref="Capacity"/>
/// keys are tracked; a new key beyond that replaces the least-counted one and inherits its count as an error
/// bound. Exact while there are fewer distinct keys than the capacity, which is the common case for clients of
/// one endpoint; heavy hitters are always kept.
/// </summary>
public sealed partial class TopCounter
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public TopCounter(int capacity)
    {
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Distinct keys seen but no longer tracked (replaced at the bound).</summary>
    public long Evicted { get; private set; }

    public void Add(string key, long count = 1)
    {
        if (_counts.TryGetValue(key, out var current))
        {
            _counts[key] = current + count;
            return;
        }
        if (_counts.Count < Capacity)
        {
            _counts[key] = count;
            return;
        }
        var (victim, least) = (string.Empty, long.MaxValue);
        foreach (var (k, c) in _counts)
        {
            if (c < least || (c == least && string.CompareOrdinal(k, victim) > 0))
            {
                (victim, least) = (k, c);
            }
        }
        _counts.Remove(victim);
        _counts[key] = least + count;
        Evicted++;
    }

    public int Count => _counts.Count;

    /// <summary>The top <paramref name="n"/> keys by count, ties broken by key so output is deterministic.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Top(int n) =>
        _counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(n).ToList();

    public void MergeFrom(TopCounter other)
    {
        foreach (var (k, c) in other._counts)
        {
            Add(k, c);
        }
        Evicted += other.Evicted;
    }
}
