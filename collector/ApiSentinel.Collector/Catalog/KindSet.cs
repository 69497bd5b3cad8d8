using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Field or parameter names with the kinds of value seen for each and how often the name appeared. Bounded in
/// names (an API has a few dozen fields; thousands mean generated keys — counted, not kept). Updated with one
/// hash lookup per field and call; sorted only when read.
/// <para>
/// An endpoint's calls carry a handful of distinct field lists (full, optional fields absent, …), so the last few
/// lists merged are remembered with the entries they resolved to (<see cref="AddAll"/>): a call whose list is
/// element for element the same as one of them — compared by name and kind, never by list identity, so a reused
/// or mutated list cannot fool it — only bumps those entries' counts. Its kinds are already in their sets, since
/// entries and kinds are never removed, so the result is exactly that of merging field by field; that was a
/// quarter of an endpoint's per-call cost (bench/CatalogThroughput).
/// </para>
/// </summary>
public sealed partial class KindSet
{
    public const int MaxNames = 512;

    /// <summary>Field lists remembered per set; endpoints in the benchmark and the accuracy corpus show 1–4.</summary>
    private const int RememberedShapes = 4;

    /// <summary>Longer lists are merged field by field (the memory of a shape is two references per field).</summary>
    private const int MaxShapeFields = 64;

    private sealed class Entry
    {
        public readonly SortedSet<string> Kinds = new(StringComparer.Ordinal);
        public long Count;
        public long LastCall = -1;
        public int Mark;
    }

    /// <summary>
    /// One remembered list: its observations in order, the distinct entries they resolved to, and the calls that
    /// repeated it since its entries were last brought up to date.
    /// </summary>
    private sealed class Shape
    {
        public FieldObservation[] Fields = [];
        public int FieldCount;
        public Entry[] Entries = [];
        public int EntryCount;
        public long Pending;
    }

    private readonly Dictionary<string, Entry> _names = new(StringComparer.Ordinal);
    private Shape?[]? _shapes;
    private int _lastShape;
    private int _nextSlot;
    private int _mark;

    /// <summary>Names not recorded because the bound was reached.</summary>
    public long Dropped { get; private set; }

    public void Add(string name, string kind) => Add(name, kind, 1, call: -1);

    /// <summary>
    /// Records a name seen in call number <paramref name="call"/> (any increasing id): the name's count grows once
    /// per call, however many kinds it showed in it — <c>$.items[*].id</c> as an integer in one element and a
    /// string in another is one call, and a field must never show more calls than its endpoint had.
    /// </summary>
    public void Add(string name, string kind, long call) => Add(name, kind, 1, call);

    /// <summary>
    /// Records every field of one call (number <paramref name="call"/>, a new and larger id each time, ≥ 0): the same as
    /// <see cref="Add(string, string, long)"/> for each, but a list equal to a recently merged one costs a compare
    /// per field instead of a lookup.
    /// </summary>
    public void AddAll(IReadOnlyList<FieldObservation> fields, long call)
    {
        var count = fields.Count;
        if (count == 0)
        {
            return;
        }
        if (_shapes is not null && Remembered(fields) is { } shape)
        {
            // Counted on the shape, added to its entries when read (Settle): touching one object instead of one
            // per field is what keeps the cost flat as endpoints outgrow the CPU caches. Exact because each call
            // has its own id, so every repeat counts once per distinct entry.
            shape.Pending++;
            return;
        }
        if (count > MaxShapeFields)
        {
            for (var i = 0; i < count; i++)
            {
                Add(fields[i].Name, fields[i].Kind, 1, call);
            }
            return;
        }
        Remember(fields, call);
    }

    private Shape? Remembered(IReadOnlyList<FieldObservation> fields)
    {
        var shapes = _shapes!;
        // The shape that matched last is the likeliest; then the others in slot order.
        if (shapes[_lastShape] is { } last && SameFields(last, fields))
        {
            return last;
        }
        for (var slot = 0; slot < shapes.Length; slot++)
        {
            if (slot != _lastShape && shapes[slot] is { } shape && SameFields(shape, fields))
            {
                _lastShape = slot;
                return shape;
            }
        }
        return null;
    }

    private static bool SameFields(Shape shape, IReadOnlyList<FieldObservation> fields)
    {
        if (shape.FieldCount != fields.Count)
        {
            return false;
        }
        for (var i = 0; i < shape.FieldCount; i++)
        {
            var (known, seen) = (shape.Fields[i], fields[i]);
            if (!ReferenceEquals(known, seen) &&
                !(string.Equals(known.Name, seen.Name, StringComparison.Ordinal) && string.Equals(known.Kind, seen.Kind, StringComparison.Ordinal)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Merges a list field by field and remembers it, unless a name was dropped (a replay must drop it again).</summary>
    private void Remember(IReadOnlyList<FieldObservation> fields, long call)
    {
        _shapes ??= new Shape?[RememberedShapes];
        var slot = _nextSlot;
        var shape = _shapes[slot] ?? new Shape();
        Settle(shape);
        _shapes[slot] = null; // not a valid shape while being rebuilt
        if (shape.Fields.Length < fields.Count)
        {
            shape.Fields = new FieldObservation[Math.Max(fields.Count, 2 * shape.Fields.Length)];
            shape.Entries = new Entry[shape.Fields.Length];
        }
        var mark = ++_mark;
        var entries = 0;
        var complete = true;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            shape.Fields[i] = field;
            if (Add(field.Name, field.Kind, 1, call) is not { } entry)
            {
                complete = false;
                continue;
            }
            if (entry.Mark != mark)
            {
                entry.Mark = mark;
                shape.Entries[entries++] = entry;
            }
        }
        if (!complete)
        {
            // Kept empty (no list of one field or more matches it), so its storage serves the next list.
            Array.Clear(shape.Fields, 0, fields.Count);
            Array.Clear(shape.Entries, 0, entries);
            (shape.FieldCount, shape.EntryCount) = (0, 0);
            _shapes[slot] = shape;
            return;
        }
        shape.FieldCount = fields.Count;
        shape.EntryCount = entries;
        Array.Clear(shape.Fields, fields.Count, shape.Fields.Length - fields.Count);
        Array.Clear(shape.Entries, entries, shape.Entries.Length - entries);
        _shapes[slot] = shape;
        _lastShape = slot;
        _nextSlot = (slot + 1) % RememberedShapes;
    }

    private Entry? Add(string name, string kind, long count, long call)
    {
        if (!_names.TryGetValue(name, out var entry))
        {
            if (_names.Count >= MaxNames)
            {
                Dropped++;
                return null;
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
        return entry;
    }

    /// <summary>Adds the calls counted on remembered shapes to their entries.</summary>
    private void Settle()
    {
        if (_shapes is null)
        {
            return;
        }
        foreach (var shape in _shapes)
        {
            if (shape is not null)
            {
                Settle(shape);
            }
        }
    }

    private static void Settle(Shape shape)
    {
        if (shape.Pending == 0)
        {
            return;
        }
        for (var i = 0; i < shape.EntryCount; i++)
        {
            shape.Entries[i].Count += shape.Pending;
        }
        shape.Pending = 0;
    }

    /// <summary>Names in ordinal order.</summary>
    public IEnumerable<string> Names => _names.Keys.Order(StringComparer.Ordinal);

    public int Count => _names.Count;

    public IReadOnlySet<string> KindsOf(string name) => _names.TryGetValue(name, out var e) ? e.Kinds : new HashSet<string>();

    public long CountOf(string name)
    {
        Settle();
        return _names.TryGetValue(name, out var e) ? e.Count : 0;
    }

    public IReadOnlyDictionary<string, IReadOnlySet<string>> ToDictionary() =>
        _names.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value.Kinds, StringComparer.Ordinal);

    public void MergeFrom(KindSet other)
    {
        other.Settle();
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
