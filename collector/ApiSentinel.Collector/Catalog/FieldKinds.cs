using System.Collections.Immutable;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// A frozen <see cref="KindSet"/>: field or parameter names in ordinal order, each with the kinds of value seen and
/// the calls it appeared in.
/// </summary>
public sealed class FieldKinds
{
    private readonly ImmutableArray<string> _names;
    private readonly ImmutableArray<ImmutableSortedSet<string>> _kinds;
    private readonly ImmutableArray<long> _calls;

    private FieldKinds(ImmutableArray<string> names, ImmutableArray<ImmutableSortedSet<string>> kinds, ImmutableArray<long> calls, long dropped)
    {
        _names = names;
        _kinds = kinds;
        _calls = calls;
        Dropped = dropped;
    }

    public static FieldKinds Empty { get; } = new([], [], [], 0);

    internal static FieldKinds Of(KindSet set)
    {
        if (set.Count == 0 && set.Dropped == 0)
        {
            return Empty;
        }
        var names = set.Names.ToImmutableArray();
        var kinds = ImmutableArray.CreateBuilder<ImmutableSortedSet<string>>(names.Length);
        var calls = ImmutableArray.CreateBuilder<long>(names.Length);
        foreach (var name in names)
        {
            kinds.Add(set.KindsOf(name).ToImmutableSortedSet(StringComparer.Ordinal));
            calls.Add(set.CountOf(name));
        }
        return new(names, kinds.MoveToImmutable(), calls.MoveToImmutable(), set.Dropped);
    }

    /// <summary>Names in ordinal order.</summary>
    public IReadOnlyList<string> Names => _names;

    public int Count => _names.Length;

    /// <summary>Names not recorded because the live set was at its bound.</summary>
    public long Dropped { get; }

    /// <summary>The kinds seen for a name, in ordinal order; empty for a name never seen.</summary>
    public IReadOnlySet<string> KindsOf(string name) => IndexOf(name) is var i and >= 0 ? _kinds[i] : ImmutableSortedSet<string>.Empty;

    public long CountOf(string name) => IndexOf(name) is var i and >= 0 ? _calls[i] : 0;

    public IReadOnlyDictionary<string, IReadOnlySet<string>> ToDictionary()
    {
        var map = new Dictionary<string, IReadOnlySet<string>>(_names.Length, StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            map[_names[i]] = _kinds[i];
        }
        return map;
    }

    private int IndexOf(string name)
    {
        var index = _names.BinarySearch(name, StringComparer.Ordinal);
        return index >= 0 ? index : -1;
    }
}
