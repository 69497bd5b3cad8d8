using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// State export of one source's windows: its event clock and counts, then its clients least recently seen first.
/// When the collector last heard from the source (by its own wall clock) is not state: it belongs to the process
/// that heard it. Restored, a collector that was down longer than every window would take its own downtime for the
/// source's silence and close the source's open episodes at its first build; an imported source is stamped at the
/// first sweep instead, like a new one.
/// </summary>
internal sealed partial class SourceWindows
{
    public void WriteState(StateWriter writer)
    {
        writer.WriteString(Name);
        writer.WriteLong(LatestMicros);
        writer.WriteLong(UnconfirmedJumpMicros);
        writer.WriteLong(Calls);
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
            UnconfirmedJumpMicros = reader.ReadLong(),
            Calls = reader.ReadNonNegative(),
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
