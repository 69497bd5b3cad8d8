using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// State export of the detector: counters, every source's windows (sources by name), and the closed findings.
/// The spare clients kept for reuse and the last-source cache are not state.
/// </summary>
public sealed partial class FindingDetector
{
    internal void WriteState(StateWriter writer)
    {
        Counters.WriteState(writer);
        var names = _sources.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        writer.WriteCount(names.Length);
        foreach (var name in names)
        {
            _sources[name].WriteState(writer);
        }
        _closed.WriteState(writer);
    }

    internal void ReadState(StateReader reader)
    {
        if (_sources.Count > 0 || _closed.All.Count > 0)
        {
            throw new InvalidOperationException("state is imported into a fresh detector only");
        }
        Counters.ReadState(reader);
        var sources = reader.ReadCount(_options.MaxSources);
        for (var i = 0; i < sources; i++)
        {
            var source = SourceWindows.ReadState(reader, _options, Counters, _options.MaxTrackedClients - _trackedClients);
            if (!_sources.TryAdd(source.Name, source))
            {
                throw reader.Corrupt("repeated source");
            }
            _trackedClients += source.Clients.Count;
        }
        _closed.ReadState(reader);
    }
}
