using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// State export of the space-saving counter, exactly: every tracked key with its count (which includes the error
/// inherited at eviction) and the eviction count. The capacity is an option and is checked, not stored.
/// </summary>
public sealed partial class TopCounter
{
    internal void WriteState(StateWriter writer)
    {
        writer.WriteCounts(_counts);
        writer.WriteLong(Evicted);
    }

    internal void ReadState(StateReader reader)
    {
        reader.ReadCounts(_counts, Capacity);
        Evicted = reader.ReadNonNegative();
    }
}
