using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// State export of an enumeration tracker: its id streams least recently used first (the order is what eviction
/// goes by; the use stamps themselves are renumbered on import) and the open episode.
/// </summary>
internal sealed partial class EnumerationTracker
{
    /// <summary>Holds nothing a new tracker would not: written as absent.</summary>
    public bool IsEmpty => _count == 0 && _open is null;

    public void WriteState(StateWriter writer)
    {
        var order = new int[_count];
        for (var i = 0; i < _count; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (x, y) => _lastUsed[x].CompareTo(_lastUsed[y]));
        writer.WriteCount(_count);
        foreach (var slot in order)
        {
            EventState.Write(writer, _keys[slot]);
            _windows[slot]!.WriteState(writer);
        }
        Episode.WriteOptional(writer, _open);
    }

    public void ReadState(StateReader reader)
    {
        var count = reader.ReadCount(options.EnumerationMaxEndpointsPerClient);
        _keys = new IdStreamKey[count];
        _windows = new IdWindow?[count];
        _lastUsed = new long[count];
        _evidence = new EnumerationEpisode.StreamEvidence?[count];
        _evidenceOf = new EnumerationEpisode?[count];
        for (var i = 0; i < count; i++)
        {
            _keys[i] = EventState.ReadStream(reader);
            for (var j = 0; j < i; j++)
            {
                if (_keys[j] == _keys[i])
                {
                    throw reader.Corrupt("repeated id stream");
                }
            }
            var window = new IdWindow(options, counters);
            window.ReadState(reader);
            _windows[i] = window;
            _lastUsed[i] = i + 1;
        }
        _count = count;
        _uses = count;
        _open = Episode.ReadOptional(reader, from => new EnumerationEpisode(from, options));
    }
}
