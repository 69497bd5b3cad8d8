namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Field or parameter names with the kinds of value seen for each and how often the name appeared. Bounded in
/// names (an API has a few dozen fields; thousands mean generated keys — counted, not kept). Updated with one
/// hash lookup per field and call; sorted only when read.
/// </summary>
public sealed partial class KindSet
{
    public const int MaxNames = 512;

    private sealed class Entry
    {
        public readonly SortedSet<string> Kinds = new(StringComparer.Ordinal);
        public long Count;
        public long LastCall = -1;
    }

    private readonly Dictionary<string, Entry> _names = new(StringComparer.Ordinal);

    /// <summary>Names not recorded because the bound was reached.</summary>
    public long Dropped { get; private set; }

    public void Add(string name, string kind) => Add(name, kind, 1, call: -1);

    /// <summary>
    /// Records a name seen in call number <paramref name="call"/> (any increasing id): the name's count grows once
    /// per call, however many kinds it showed in it — <c>$.items[*].id</c> as an integer in one element and a
    /// string in another is one call, and a field must never show more calls than its endpoint had.
    /// </summary>
    public void Add(string name, string kind, long call) => Add(name, kind, 1, call);

    private void Add(string name, string kind, long count, long call)
    {
        if (!_names.TryGetValue(name, out var entry))
        {
            if (_names.Count >= MaxNames)
            {
                Dropped++;
                return;
            }
            _names[name] = entry = new Entry();
        }
        // Kinds per field are one or two: check before inserting, which is what costs in a sorted set.
        if (entry.Kinds.Count == 0 || !entry.Kinds.Contains(kind))
        {
            entry.Kinds.Add(kind);
        }
        if (call < 0 || entry.LastCall != call)
        {
            entry.Count += count;
            entry.LastCall = call;
        }
    }

    /// <summary>Names in ordinal order.</summary>
    public IEnumerable<string> Names => _names.Keys.Order(StringComparer.Ordinal);

    public int Count => _names.Count;

    public IReadOnlySet<string> KindsOf(string name) => _names.TryGetValue(name, out var e) ? e.Kinds : new HashSet<string>();

    public long CountOf(string name) => _names.TryGetValue(name, out var e) ? e.Count : 0;

    public IReadOnlyDictionary<string, IReadOnlySet<string>> ToDictionary() =>
        _names.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value.Kinds, StringComparer.Ordinal);

    public void MergeFrom(KindSet other)
    {
        foreach (var (name, entry) in other._names)
        {
            var first = true;
            foreach (var kind in entry.Kinds)
            {
                // The other set's call count is carried once, with its first kind.
                Add(name, kind, first ? entry.Count : 0, call: -1);
                first = false;
            }
        }
        Dropped += other.Dropped;
    }
}
