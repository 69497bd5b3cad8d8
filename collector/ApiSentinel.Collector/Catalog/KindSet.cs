namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Field or parameter names with the kinds of value seen for each and how often the name appeared. Bounded in
/// names (an API has a few dozen fields; thousands mean generated keys — counted, not kept).
/// </summary>
public sealed class KindSet
{
    public const int MaxNames = 512;

    private readonly SortedDictionary<string, (SortedSet<string> Kinds, long Count)> _names = new(StringComparer.Ordinal);

    /// <summary>Names not recorded because the bound was reached.</summary>
    public long Dropped { get; private set; }

    public void Add(string name, string kind)
    {
        if (!_names.TryGetValue(name, out var entry))
        {
            if (_names.Count >= MaxNames)
            {
                Dropped++;
                return;
            }
            entry = (new SortedSet<string>(StringComparer.Ordinal), 0);
        }
        entry.Kinds.Add(kind);
        _names[name] = (entry.Kinds, entry.Count + 1);
    }

    public IEnumerable<string> Names => _names.Keys;

    public int Count => _names.Count;

    public IReadOnlySet<string> KindsOf(string name) => _names.TryGetValue(name, out var e) ? e.Kinds : new HashSet<string>();

    public long CountOf(string name) => _names.TryGetValue(name, out var e) ? e.Count : 0;

    public IReadOnlyDictionary<string, IReadOnlySet<string>> ToDictionary() =>
        _names.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value.Kinds, StringComparer.Ordinal);

    public void MergeFrom(KindSet other)
    {
        foreach (var (name, (kinds, count)) in other._names)
        {
            foreach (var kind in kinds)
            {
                Add(name, kind);
            }
            if (_names.TryGetValue(name, out var e))
            {
                _names[name] = (e.Kinds, e.Count - kinds.Count + count);
            }
        }
        Dropped += other.Dropped;
    }
}
