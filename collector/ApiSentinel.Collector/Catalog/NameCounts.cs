namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Occurrences per name (header names of an endpoint's requests or responses), at most <see cref="Capacity"/>
/// names: past the bound a new name is not kept, known ones still count. Clients send the same header list call
/// after call, so the last few lists counted are remembered with the counters they resolved to: a list equal to
/// one of them, name for name (compared by value, never by list identity), bumps those counters without hashing a
/// name — 14 header lookups per call were ~10 % of an endpoint's per-call cost (bench/CatalogThroughput) — and the
/// repeats are counted on the list, added to the counters when the counts are read. The counts are exactly those
/// of counting name by name.
/// </summary>
internal sealed partial class NameCounts(int capacity)
{
    private const int RememberedLists = 4;

    /// <summary>Longer lists are counted name by name.</summary>
    private const int MaxListNames = 64;

    private sealed class Counter
    {
        public long Value;
    }

    private sealed class NameList
    {
        public string[] Names = [];
        public Counter[] Counters = [];
        public int Count;

        /// <summary>Repeats of this list not yet added to its counters (see <see cref="Settle()"/>).</summary>
        public long Pending;
    }

    private readonly Dictionary<string, Counter> _counts = new(StringComparer.Ordinal);
    private NameList?[]? _lists;
    private int _lastList;
    private int _nextSlot;

    public int Capacity { get; } = capacity;

    public int Count => _counts.Count;

    public IEnumerable<string> Names => _counts.Keys;

    public bool Contains(string name) => _counts.ContainsKey(name);

    public long CountOf(string name)
    {
        Settle();
        return _counts.TryGetValue(name, out var counter) ? counter.Value : 0;
    }

    /// <summary>The counts in ordinal order of name.</summary>
    public SortedDictionary<string, long> ToSorted()
    {
        Settle();
        var sorted = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, counter) in _counts)
        {
            sorted.Add(name, counter.Value);
        }
        return sorted;
    }

    /// <summary>Counts one occurrence of a name, if it is kept (known, or room for it).</summary>
    private void Add(string name)
    {
        if (CounterOf(name) is { } counter)
        {
            counter.Value++;
        }
    }

    /// <summary>Adds another endpoint's counts, every name of it whatever the bound (as merging always did).</summary>
    public void MergeFrom(NameCounts other)
    {
        other.Settle();
        foreach (var (name, counter) in other._counts)
        {
            if (!_counts.TryGetValue(name, out var into))
            {
                _counts.Add(name, into = new Counter());
            }
            into.Value += counter.Value;
        }
    }

    /// <summary>Counts every name of one list (a name listed twice counts twice).</summary>
    public void AddAll(IReadOnlyList<string> names)
    {
        var count = names.Count;
        if (count == 0)
        {
            return;
        }
        if (_lists is not null && Remembered(names) is { } list)
        {
            // Counted on the list, added to its counters when read: one object touched per call instead of one
            // per name, which is what keeps the cost flat as endpoints outgrow the CPU caches.
            list.Pending++;
            return;
        }
        if (count > MaxListNames)
        {
            for (var i = 0; i < count; i++)
            {
                Add(names[i]);
            }
            return;
        }
        Remember(names);
    }

    /// <summary>Adds the repeats counted on remembered lists to their counters.</summary>
    private void Settle()
    {
        if (_lists is null)
        {
            return;
        }
        foreach (var list in _lists)
        {
            if (list is not null)
            {
                Settle(list);
            }
        }
    }

    private static void Settle(NameList list)
    {
        if (list.Pending == 0)
        {
            return;
        }
        for (var i = 0; i < list.Count; i++)
        {
            list.Counters[i].Value += list.Pending;
        }
        list.Pending = 0;
    }

    private Counter? CounterOf(string name)
    {
        if (_counts.TryGetValue(name, out var counter))
        {
            return counter;
        }
        if (_counts.Count >= Capacity)
        {
            return null;
        }
        _counts.Add(name, counter = new Counter());
        return counter;
    }

    private NameList? Remembered(IReadOnlyList<string> names)
    {
        var lists = _lists!;
        if (lists[_lastList] is { } last && Same(last, names))
        {
            return last;
        }
        for (var slot = 0; slot < lists.Length; slot++)
        {
            if (slot != _lastList && lists[slot] is { } list && Same(list, names))
            {
                _lastList = slot;
                return list;
            }
        }
        return null;
    }

    private static bool Same(NameList list, IReadOnlyList<string> names)
    {
        if (list.Count != names.Count)
        {
            return false;
        }
        for (var i = 0; i < list.Count; i++)
        {
            if (!string.Equals(list.Names[i], names[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Counts a list name by name and remembers it, unless a name was not kept (a replay must skip it again).</summary>
    private void Remember(IReadOnlyList<string> names)
    {
        _lists ??= new NameList?[RememberedLists];
        var slot = _nextSlot;
        var list = _lists[slot] ?? new NameList();
        Settle(list);
        if (list.Names.Length < names.Count)
        {
            list.Names = new string[Math.Max(names.Count, 2 * list.Names.Length)];
            list.Counters = new Counter[list.Names.Length];
        }
        var complete = true;
        for (var i = 0; i < names.Count; i++)
        {
            var counter = CounterOf(names[i]);
            if (counter is null)
            {
                complete = false;
                continue;
            }
            counter.Value++;
            list.Names[i] = names[i];
            list.Counters[i] = counter;
        }
        // An incomplete list is kept empty (a list of one name or more never matches it), its storage reused.
        list.Count = complete ? names.Count : 0;
        Array.Clear(list.Names, list.Count, list.Names.Length - list.Count);
        Array.Clear(list.Counters, list.Count, list.Counters.Length - list.Count);
        _lists[slot] = list;
        if (complete)
        {
            _lastList = slot;
            _nextSlot = (slot + 1) % RememberedLists;
        }
    }
}
