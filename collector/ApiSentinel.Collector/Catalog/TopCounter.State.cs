using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// State export of the space-saving counter, exactly: every tracked key with its count (which includes the error
/// inherited at eviction) and the eviction count. The capacity is an option and is checked, not stored. Keys are
/// written in the map's enumeration order and re-added in it: <see cref="MergeFrom"/> adds another counter's keys in
/// that order, and at the bound the order decides which keys survive, so an imported counter must enumerate as the
/// exported one did (it does: a victim's slot is refilled at once, so the map never holds gaps). The heap is rebuilt;
/// its root is the unique least entry whatever the layout.
/// </summary>
public sealed partial class TopCounter
{
    internal void WriteState(StateWriter writer)
    {
        writer.WriteCount(_counts.Count);
        foreach (var entry in _counts.Values)
        {
            writer.WriteString(entry.Key);
            writer.WriteLong(entry.Count);
        }
        writer.WriteLong(Evicted);
    }

    internal void ReadState(StateReader reader)
    {
        var count = reader.ReadCount(Capacity);
        _heap = new Entry[Math.Min(Capacity, Math.Max(4, count))];
        for (var i = 0; i < count; i++)
        {
            var entry = new Entry(reader.ReadString(), reader.ReadNonNegative(), _counts.Count);
            if (!_counts.TryAdd(entry.Key, entry))
            {
                throw reader.Corrupt("repeated client");
            }
            _heap[entry.Slot] = entry;
            SiftUp(entry.Slot);
        }
        Evicted = reader.ReadNonNegative();
    }
}
