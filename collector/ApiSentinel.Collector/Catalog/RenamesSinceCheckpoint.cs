namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The renames of every build since the last checkpoint, composed: A→B in one build and B→C in the next is A→C and B→C,
/// so a store holding usage under A or B moves it straight to where it lives now. A rename back to where it started
/// cancels out. Owner task only.
/// </summary>
internal sealed class RenamesSinceCheckpoint
{
    private readonly Dictionary<string, EndpointRename> _byOld = new(StringComparer.Ordinal);

    public void Add(IEnumerable<EndpointRename> renames)
    {
        foreach (var rename in renames)
        {
            foreach (var earlier in _byOld.Values.Where(r => r.NewIdentity == rename.OldIdentity).ToList())
            {
                _byOld[earlier.OldIdentity] = earlier with { NewKey = rename.NewKey, NewIdentity = rename.NewIdentity };
            }
            _byOld.TryAdd(rename.OldIdentity, rename);
        }
        foreach (var cancelled in _byOld.Values.Where(r => r.OldIdentity == r.NewIdentity).ToList())
        {
            _byOld.Remove(cancelled.OldIdentity);
        }
    }

    /// <summary>The composed renames in old-identity order, and none pending afterwards.</summary>
    public List<EndpointRename> Take()
    {
        var renames = _byOld.Values.OrderBy(r => r.OldIdentity, StringComparer.Ordinal).ToList();
        _byOld.Clear();
        return renames;
    }
}
