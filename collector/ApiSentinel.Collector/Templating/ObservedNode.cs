namespace ApiSentinel.Collector.Templating;

/// <summary>
/// A node of the per-host observation trie: what was seen at one position below a given prefix. Word segments are
/// children by text (bounded); identifier-shaped segments all go to the single <see cref="Values"/> child with their
/// classes OR-ed, so a million distinct ids cost one node. The trie holds counts only; decisions are made when
/// templates are compiled, from the whole trie, which is what makes them independent of arrival order.
/// </summary>
internal sealed partial class ObservedNode
{
    private Dictionary<string, ObservedNode>? _words;
    private Dictionary<string, ObservedNode>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;

    /// <summary>Calls whose path reached this node.</summary>
    public long Count { get; set; }

    /// <summary>Calls whose path ended here.</summary>
    public long Ends { get; set; }

    public ObservedNode? Values { get; private set; }

    /// <summary>
    /// What the calls ending here looked like (the first <see cref="TemplatingOptions.ShapeCallsPerNode"/> of them);
    /// a field, not a property, so it is updated in place.
    /// </summary>
    public NodeShape Shape;

    /// <summary>Whether <see cref="Shape"/> holds every call that ended here, so comparing it is order independent.</summary>
    public bool ShapeComplete(TemplatingOptions options) => Ends <= options.ShapeCallsPerNode;

    public ValueClass ValueClasses { get; set; }

    /// <summary>Words that were not stored because a bound was reached (they are counted in <see cref="Values"/>).</summary>
    public bool Overflowed { get; set; }

    public IReadOnlyDictionary<string, ObservedNode>? Words => _words;

    public int WordCount => _words?.Count ?? 0;

    public bool TryGetWord(ReadOnlySpan<char> segment, out ObservedNode child)
    {
        if (_words is not null && _wordLookup.TryGetValue(segment, out var found))
        {
            child = found;
            return true;
        }

        child = null!;
        return false;
    }

    public ObservedNode AddWord(ReadOnlySpan<char> segment)
    {
        if (_words is null)
        {
            _words = new Dictionary<string, ObservedNode>(StringComparer.Ordinal);
            _wordLookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        var child = new ObservedNode();
        _words.Add(segment.ToString(), child);
        return child;
    }

    public ObservedNode GetOrAddValues(out bool created)
    {
        created = Values is null;
        return Values ??= new ObservedNode();
    }
}
