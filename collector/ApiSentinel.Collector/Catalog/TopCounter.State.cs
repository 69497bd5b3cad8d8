using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// State export of the space-saving counter, exactly: every tracked key with its count (which includes the error
/// inherited at eviction) and the eviction count. The capacity is an option and is checked, not stored. Keys are
/// written in the map's enumeration order and re-added in it: <see cref="MergeFrom"/> adds another counter's keys in
/// that order, and at the bound the order decides which keys survive, so an imported counter must enumerate as the
/// exported one did (it does: a victim's slot is refilled at once, so the slots never hold gaps, and import adds them in order below the bound). The heap is rebuilt;
/// its root is the unique least entry whatever the layout.
/// </summary>
public sealed partial class TopCounter
{
    internal void WriteState(StateWriter writer)
    {
        writer.WriteCount(_count);
        foreach (var (key, count) in Tracked())
        {
            writer.WriteString(key);
            writer.WriteLong(count);
        }
        writer.WriteLong(Evicted);
    }

    internal void ReadState(StateReader reader)
    {
        var count = reader.ReadCount(Capacity);
        for (var i = 0; i < count; i++)
        {
            var (key, tally) = (reader.ReadString(), reader.ReadNonNegative());
            if (Contains(key))
            {
                throw reader.Corrupt("repeated client");
            }
            Add(key, tally);
        }
        Evicted = reader.ReadNonNegative();
    }

    private bool Contains(string key)
    {
        if (_count == 0)
        {
            return false;
        }
        var hash = key.GetHashCode();
        for (var i = _buckets[hash & (_buckets.Length - 1)] - 1; i >= 0; i = _slots[i].Next - 1)
        {
            if (_slots[i].Hash == hash && string.Equals(_slots[i].Key, key, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
