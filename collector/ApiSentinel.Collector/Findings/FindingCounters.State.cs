using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of the detector's counters, in declaration order.</summary>
public sealed partial class FindingCounters
{
    internal void WriteState(StateWriter writer)
    {
        writer.WriteLong(CallsObserved);
        writer.WriteLong(CallsWithoutClient);
        writer.WriteLong(ClientsEvicted);
        writer.WriteLong(ClientsExpired);
        writer.WriteLong(FindingsDropped);
        writer.WriteLong(CallsFromUntrackedSources);
        writer.WriteLong(SourcesExpired);
        writer.WriteLong(UnconfirmedClockJumps);
        writer.WriteLong(WindowEventsDropped);
    }

    internal void ReadState(StateReader reader)
    {
        CallsObserved = reader.ReadNonNegative();
        CallsWithoutClient = reader.ReadNonNegative();
        ClientsEvicted = reader.ReadNonNegative();
        ClientsExpired = reader.ReadNonNegative();
        FindingsDropped = reader.ReadNonNegative();
        CallsFromUntrackedSources = reader.ReadNonNegative();
        SourcesExpired = reader.ReadNonNegative();
        UnconfirmedClockJumps = reader.ReadNonNegative();
        WindowEventsDropped = reader.ReadNonNegative();
    }
}
