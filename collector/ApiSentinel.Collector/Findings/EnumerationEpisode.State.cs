using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of an enumeration episode's evidence, in declaration order (ids in stream, then id order).</summary>
internal sealed partial class EnumerationEpisode
{
    protected override void WriteEvidence(StateWriter writer)
    {
        writer.WriteCount(_ranges.Count);
        foreach (var (stream, run) in _ranges)
        {
            EventState.Write(writer, stream);
            EventState.Write(writer, run);
        }
        var ids = _ids.ToArray();
        Array.Sort(ids, static (x, y) =>
        {
            var byStream = IdStreamOrder.Instance.Compare(x.Item1, y.Item1);
            return byStream != 0 ? byStream : x.Item2.CompareTo(y.Item2);
        });
        writer.WriteCount(ids.Length);
        foreach (var (stream, id) in ids)
        {
            EventState.Write(writer, stream);
            writer.WriteLong(id);
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
            if (!_ranges.TryAdd(EventState.ReadStream(reader), EventState.ReadRun(reader)))
            {
                throw reader.Corrupt("repeated id range");
            }
        }
        var ids = reader.ReadCount(Options.MaxDistinctPerEpisode);
        for (var i = 0; i < ids; i++)
        {
            if (!_ids.Add((EventState.ReadStream(reader), reader.ReadLong())))
            {
                throw reader.Corrupt("repeated id");
            }
        }
        _idsCapped = reader.ReadBool();
        _calls = reader.ReadNonNegative();
        _answered = reader.ReadNonNegative();
        _succeeded = reader.ReadNonNegative();
    }
}
