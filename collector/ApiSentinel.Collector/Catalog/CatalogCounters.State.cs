using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Catalog;

/// <summary>State export of the catalog's counters, in declaration order.</summary>
public sealed partial class CatalogCounters
{
    internal void WriteState(StateWriter writer)
    {
        writer.WriteLong(Calls);
        writer.WriteLong(EndpointsMerged);
        writer.WriteLong(TemplaterTruncatedCalls);
        writer.WriteLong(HostOverflowCalls);
        writer.WriteLong(MethodOverflowCalls);
        writer.WriteLong(EndpointOverflowCalls);
        writer.WriteLong(CallsWithoutClient);
    }

    internal void ReadState(StateReader reader)
    {
        Calls = reader.ReadNonNegative();
        EndpointsMerged = reader.ReadNonNegative();
        TemplaterTruncatedCalls = reader.ReadNonNegative();
        HostOverflowCalls = reader.ReadNonNegative();
        MethodOverflowCalls = reader.ReadNonNegative();
        EndpointOverflowCalls = reader.ReadNonNegative();
        CallsWithoutClient = reader.ReadNonNegative();
    }
}
