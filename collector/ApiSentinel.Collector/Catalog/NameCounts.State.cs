using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// State export of name counts: every name with its count, in ordinal order, after the repeats counted on remembered
/// lists are settled. The lists are a cache; an imported instance re-learns them and counts the same.
/// </summary>
internal sealed partial class NameCounts
{
    internal void WriteState(StateWriter writer)
    {
        Settle();
        var names = _counts.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        writer.WriteCount(names.Length);
        foreach (var name in names)
        {
            writer.WriteString(name);
            writer.WriteLong(_counts[name].Value);
        }
    }

    /// <summary>Merged endpoints may hold more names than the per-call bound, so the count is limited by the bytes only.</summary>
    internal void ReadState(StateReader reader)
    {
        var names = reader.ReadCount();
        for (var i = 0; i < names; i++)
        {
            if (!_counts.TryAdd(reader.ReadString(), new Counter { Value = reader.ReadNonNegative() }))
            {
                throw reader.Corrupt("repeated header name");
            }
        }
    }
}
