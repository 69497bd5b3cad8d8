using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of an enumeration episode's evidence, in declaration order (ids in stream, then id order).</summary>
internal sealed partial class EnumerationEpisode
{
    protected override void WriteEvidence(StateWriter writer)
    {
        var ranged = Ranges();
        writer.WriteCount(ranged.Count);
        foreach (var stream in ranged)
        {
            EventState.Write(writer, stream.Stream);
            EventState.Write(writer, stream.Range);
        }
        var streams = _streams.Values.Where(s => s.Ids.Count > 0).ToList();
        streams.Sort((x, y) => IdStreamOrder.Instance.Compare(x.Stream, y.Stream));
        writer.WriteCount(_distinctIds);
        foreach (var stream in streams)
        {
            var ids = stream.Ids.ToArray();
            Array.Sort(ids);
            foreach (var id in ids)
            {
                EventState.Write(writer, stream.Stream);
                writer.WriteLong(id);
            }
        }
        writer.WriteBool(_idsCapped);
        writer.WriteLong(_calls);
        writer.WriteLong(_answered);
        writer.WriteLong(_succeeded);
    }

    protected override void ReadEvidence(StateReader reader)
    {
        var ranges = reader.ReadCount(Options.MaxEndpointsPerFinding);
        for (var i = 0; i < ranges; i++)
        {
            var stream = Imported(EventState.ReadStream(reader));
            if (stream.Ranged)
            {
                throw reader.Corrupt("repeated id range");
            }
            stream.Range = EventState.ReadRun(reader);
            stream.Ranged = true;
            _ranged++;
        }
        var ids = reader.ReadCount(Options.MaxDistinctPerEpisode);
        for (var i = 0; i < ids; i++)
        {
            var stream = Imported(EventState.ReadStream(reader));
            if (!stream.Ids.Add(reader.ReadLong()))
            {
                throw reader.Corrupt("repeated id");
            }
            _distinctIds++;
        }
        _idsCapped = reader.ReadBool();
        _calls = reader.ReadNonNegative();
        _answered = reader.ReadNonNegative();
        _succeeded = reader.ReadNonNegative();
    }

    /// <summary>A stream's evidence while importing (the caps were checked on the counts read).</summary>
    private StreamEvidence Imported(IdStreamKey key)
    {
        if (!_streams.TryGetValue(key, out var stream))
        {
            _streams.Add(key, stream = new StreamEvidence(key));
        }
        return stream;
    }
}
