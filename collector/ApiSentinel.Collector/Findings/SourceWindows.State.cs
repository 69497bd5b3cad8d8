using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of one source's windows: its clocks and counts, then its clients least recently seen first.</summary>
internal sealed partial class SourceWindows
{
    public void WriteState(StateWriter writer)
    {
        writer.WriteString(Name);
        writer.WriteLong(LatestMicros);
        writer.WriteLong(Calls);
        writer.WriteLong(CallsAtLastSweep);
        writer.WriteLong(LastHeardWallMicros);
        writer.WriteCount(Recency.Count);
        foreach (var client in Recency)
        {
            client.WriteState(writer);
        }
    }

    public static SourceWindows ReadState(StateReader reader, FindingOptions options, FindingCounters counters, int clientsLeft)
    {
        var source = new SourceWindows(reader.ReadString())
        {
            LatestMicros = reader.ReadLong(),
            Calls = reader.ReadNonNegative(),
            CallsAtLastSweep = reader.ReadNonNegative(),
            LastHeardWallMicros = reader.ReadLong(),
        };
        var clients = reader.ReadCount(clientsLeft);
        for (var i = 0; i < clients; i++)
        {
            var client = ClientActivity.ReadState(reader, source, options, counters);
            var node = source.Recency.AddLast(client);
            if (!source.Clients.TryAdd(client.Address, node))
            {
                throw reader.Corrupt("repeated client");
            }
        }
        return source;
    }
}
