using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Templating;

/// <summary>State export of the templater: the hosts that observed calls, in ordinal order.</summary>
public sealed partial class PathTemplater
{
    internal void WriteState(StateWriter writer)
    {
        var hosts = _hosts.Where(h => h.Value.HasObservations).Select(h => h.Key).ToArray();
        Array.Sort(hosts, StringComparer.Ordinal);
        writer.WriteCount(hosts.Length);
        foreach (var host in hosts)
        {
            writer.WriteString(host);
            _hosts[host].WriteState(writer);
        }
    }

    /// <summary>Fills a fresh templater (spec templates, if any, already declared).</summary>
    internal void ReadState(StateReader reader)
    {
        var hosts = reader.ReadCount();
        for (var i = 0; i < hosts; i++)
        {
            var host = reader.ReadString();
            var state = HostFor(host);
            if (state.HasObservations)
            {
                throw reader.Corrupt("repeated host");
            }
            state.ReadState(reader);
        }
    }
}
