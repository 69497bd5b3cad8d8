using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// State export of a kind set: each name's kinds and count, and the names dropped. Repeats counted on remembered
/// shapes are settled first; the shapes themselves are a cache (an imported set re-learns them with the same counts).
/// The last call id is not kept: ids only grow, so it matters only within the call being added, never across an export.
/// </summary>
public sealed partial class KindSet
{
    internal void WriteState(StateWriter writer)
    {
        Settle();
        var names = _names.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        writer.WriteCount(names.Length);
        foreach (var name in names)
        {
            var entry = _names[name];
            writer.WriteString(name);
            writer.WriteStrings(entry.Kinds);
            writer.WriteLong(entry.Count);
        }
        writer.WriteLong(Dropped);
    }

    internal void ReadState(StateReader reader)
    {
        var names = reader.ReadCount(MaxNames);
        for (var i = 0; i < names; i++)
        {
            var name = reader.ReadString();
            var entry = new Entry();
            if (!_names.TryAdd(name, entry))
            {
                throw reader.Corrupt("repeated field name");
            }
            reader.ReadStrings(entry.Kinds);
            entry.Count = reader.ReadNonNegative();
        }
        Dropped = reader.ReadNonNegative();
    }
}
