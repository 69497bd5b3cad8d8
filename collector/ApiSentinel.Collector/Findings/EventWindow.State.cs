using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of a window: its events oldest first and how many of the newest are not yet counted.</summary>
internal sealed partial class EventWindow<T>
{
    public void WriteState(StateWriter writer, Action<StateWriter, T> writeItem)
    {
        writer.WriteCount(Count);
        for (var i = 0; i < Count; i++)
        {
            writeItem(writer, this[i]);
        }
        writer.WriteCount(Uncounted);
    }

    /// <summary>Fills an empty window; <paramref name="added"/> sees each event as it enters (for derived counts).</summary>
    public void ReadState(StateReader reader, Func<StateReader, T> readItem, Action<T>? added = null)
    {
        var count = reader.ReadCount(_cap);
        for (var i = 0; i < count; i++)
        {
            var item = readItem(reader);
            Add(item);
            added?.Invoke(item);
        }
        // A number, not a collection: bounded by the window, not by the bytes left (a window near the end of the
        // state can hold more uncounted events than bytes follow it).
        var uncounted = reader.ReadUInt();
        Uncounted = uncounted <= (ulong)count ? (int)uncounted : throw reader.Corrupt("uncounted events out of range");
    }
}
