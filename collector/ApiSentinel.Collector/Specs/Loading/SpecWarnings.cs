namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>
/// The warnings of one load, bounded by <see cref="SpecBudget.MaxWarnings"/>: a document with a problem on each of
/// its 10⁵ operations keeps the first ones and counts the rest, so its warnings cannot cost more than the spec.
/// </summary>
internal sealed class SpecWarnings(int capacity)
{
    private readonly List<SpecWarning> _kept = [];

    // A document read in batches reports its components' problems once per batch; each is kept once.
    private readonly HashSet<SpecWarning> _seen = [];

    public IReadOnlyList<SpecWarning> Kept => _kept;

    public long Dropped { get; private set; }

    /// <summary>Forgets the warnings of a read that was abandoned (JSON tried first, the document being YAML).</summary>
    public void Clear()
    {
        _kept.Clear();
        _seen.Clear();
        Dropped = 0;
    }

    public void Add(string kind, string pointer, string message)
    {
        var warning = new SpecWarning(kind, SpecText.Escape(pointer, 240), SpecText.Escape(message, 240));
        if (_seen.Contains(warning))
        {
            return;
        }

        if (_kept.Count >= capacity)
        {
            Dropped++;
            return;
        }

        _seen.Add(warning);
        _kept.Add(warning);
    }
}
