namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Counts occurrences per key with bounded memory (the space-saving algorithm): at most <see cref="Capacity"/>
/// keys are tracked; a new key beyond that replaces the least-counted one and inherits its count as an error
/// bound. Exact while there are fewer distinct keys than the capacity, which is the common case for clients of
/// one endpoint; heavy hitters are always kept.
/// <para>
/// The tracked keys also sit in a binary min-heap ordered by (count, then key descending ordinal), whose root is the
/// key to replace: finding it by scanning all 256 entries, with an ordinal compare on every tie, was most of an
/// endpoint's per-call cost once an endpoint had more clients than the bound (bench/CatalogThroughput). The victim
/// is the same one the scan chose — the least count, the ordinal-greatest key among equals — and the map keeps the
/// same insertion and removal sequence, so enumeration order (and <see cref="MergeFrom"/>) is unchanged.
/// </para>
/// </summary>
public sealed partial class TopCounter
{
    private sealed class Entry(string key, long count, int slot)
    {
        public string Key = key;
        public long Count = count;
        public int Slot = slot;
    }

    private readonly Dictionary<string, Entry> _counts = new(StringComparer.Ordinal);
    private Entry[] _heap = [];

    public TopCounter(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Distinct keys seen but no longer tracked (replaced at the bound).</summary>
    public long Evicted { get; private set; }

    public void Add(string key, long count = 1)
    {
        if (_counts.TryGetValue(key, out var entry))
        {
            entry.Count += count;
            SiftDown(entry.Slot);
            return;
        }
        if (_counts.Count < Capacity)
        {
            if (_heap.Length == _counts.Count)
            {
                Array.Resize(ref _heap, Math.Min(Capacity, Math.Max(4, _heap.Length * 2)));
            }
            entry = new Entry(key, count, _counts.Count);
            _counts.Add(key, entry);
            _heap[entry.Slot] = entry;
            SiftUp(entry.Slot);
            return;
        }
        // The victim's entry is reused for the newcomer: past the bound nearly every call from an untracked client
        // evicts, and a fresh entry each time was the endpoint's only allocation per call.
        var victim = _heap[0];
        _counts.Remove(victim.Key);
        victim.Key = key;
        victim.Count += count;
        _counts.Add(key, victim);
        SiftDown(0);
        Evicted++;
    }

    public int Count => _counts.Count;

    /// <summary>The top <paramref name="n"/> keys by count, ties broken by key so output is deterministic.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Top(int n) =>
        _counts.Values.Select(e => KeyValuePair.Create(e.Key, e.Count))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(n).ToList();

    public void MergeFrom(TopCounter other)
    {
        foreach (var entry in other._counts.Values)
        {
            Add(entry.Key, entry.Count);
        }
        Evicted += other.Evicted;
    }

    /// <summary>Heap order: the smaller count first; among equal counts the ordinal-greater key first (it is evicted first).</summary>
    private static bool Before(Entry x, Entry y) =>
        x.Count < y.Count || (x.Count == y.Count && string.CompareOrdinal(x.Key, y.Key) > 0);

    private void SiftUp(int slot)
    {
        var entry = _heap[slot];
        while (slot > 0)
        {
            var parent = (slot - 1) / 2;
            if (!Before(entry, _heap[parent]))
            {
                break;
            }
            Place(_heap[parent], slot);
            slot = parent;
        }
        Place(entry, slot);
    }

    private void SiftDown(int slot)
    {
        var entry = _heap[slot];
        var size = _counts.Count;
        while (true)
        {
            var child = 2 * slot + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && Before(_heap[child + 1], _heap[child]))
            {
                child++;
            }
            if (!Before(_heap[child], entry))
            {
                break;
            }
            Place(_heap[child], slot);
            slot = child;
        }
        Place(entry, slot);
    }

    private void Place(Entry entry, int slot)
    {
        _heap[slot] = entry;
        entry.Slot = slot;
    }
}
