namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The renames of every build since the last checkpoint, composed: A→B in one build and B→C in the next is A→C and B→C,
/// so a store holding usage under A or B moves it straight to where it lives now. A rename back to where it started
/// cancels out. Owner task only.
/// </summary>
internal sealed class RenamesSinceCheckpoint
{
    private readonly Dictionary<string, EndpointRename> _byOld = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds one build's renames (or one composed set). They are simultaneous: {A→B, B→C} in one build means old A is now
    /// B and old B is now C, so they compose only with the renames of earlier calls, never with each other — chaining
    /// them moved A's usage to C.
    /// </summary>
    public void Add(IEnumerable<EndpointRename> renames)
    {
        var step = new Dictionary<string, EndpointRename>(StringComparer.Ordinal);
        foreach (var rename in renames)
        {
            step.TryAdd(rename.OldIdentity, rename);
        }
        foreach (var earlier in _byOld.Values.ToList())
        {
            if (step.TryGetValue(earlier.NewIdentity, out var next))
            {
                _byOld[earlier.OldIdentity] = earlier with { NewKey = next.NewKey, NewIdentity = next.NewIdentity };
            }
        }
        foreach (var rename in step.Values)
        {
            _byOld.TryAdd(rename.OldIdentity, rename);
        }
        foreach (var cancelled in _byOld.Values.Where(r => r.OldIdentity == r.NewIdentity).ToList())
        {
            _byOld.Remove(cancelled.OldIdentity);
        }
    }

    /// <summary>The composed renames in old-identity order (a simultaneous set: an old identity may also be a new one), and none pending afterwards.</summary>
    public List<EndpointRename> Take()
    {
        var renames = _byOld.Values.OrderBy(r => r.OldIdentity, StringComparer.Ordinal).ToList();
        _byOld.Clear();
        return renames;
    }
}
