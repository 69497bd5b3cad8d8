using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Catalog;

/// <summary>State export of a kind set: each name's kinds, count and last call id, and the names dropped.</summary>
public sealed partial class KindSet
{
    internal void WriteState(StateWriter writer)
    {
        var names = _names.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        writer.WriteCount(names.Length);
        foreach (var name in names)
        {
            var entry = _names[name];
            writer.WriteString(name);
            writer.WriteStrings(entry.Kinds);
            writer.WriteLong(entry.Count);
            writer.WriteLong(entry.LastCall);
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
            entry.LastCall = reader.ReadLong();
        }
        Dropped = reader.ReadNonNegative();
    }
}
