using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of an id window: its events and last-seen time; the distinct-id counts are rebuilt from the events.</summary>
internal sealed partial class IdWindow
{
    public void WriteState(StateWriter writer)
    {
        Events.WriteState(writer, EventState.Write);
        writer.WriteLong(LastSeenMicros);
    }

    public void ReadState(StateReader reader)
    {
        Events.ReadState(reader, EventState.ReadId, call => Count(call.Id));
        LastSeenMicros = reader.ReadLong();
    }
}
