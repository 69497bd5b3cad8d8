using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Ingest positions: the last batch sequence ingested from each sensor stream. They are part of the state, so a
/// state and the positions it covers can never disagree — a store replays exactly the batches after them.
/// </summary>
public sealed partial class ApiCatalog
{
    private readonly Dictionary<StreamKey, long> _positions = [];

    /// <summary>The last sequence ingested per stream (streams fed through <see cref="CatalogOwner"/> with a sequence).</summary>
    public IReadOnlyDictionary<StreamKey, long> Positions => _positions;

    /// <summary>
    /// Checks an ingested batch's sequence against its stream's position, which it becomes when it is the
    /// <see cref="PositionCheck.Next"/> one. A gap is refused: a position past a batch the catalog never ingested would
    /// let the next checkpoint delete that batch from the journal, losing it for good.
    /// </summary>
    internal PositionCheck Advance(StreamKey stream, long sequence)
    {
        if (_positions.TryGetValue(stream, out var last))
        {
            if (sequence <= last)
            {
                return PositionCheck.Replay;
            }
            if (sequence > last + 1)
            {
                return PositionCheck.Gap;
            }
        }
        _positions[stream] = sequence;
        return PositionCheck.Next;
    }

    /// <summary>Raises the stream's position to <paramref name="sequence"/> (a store's recovered positions); a lower one is ignored.</summary>
    internal void RaisePosition(StreamKey stream, long sequence)
    {
        if (!_positions.TryGetValue(stream, out var last) || sequence > last)
        {
            _positions[stream] = sequence;
        }
    }

    private void WritePositions(StateWriter writer)
    {
        var streams = _positions.Keys.OrderBy(s => s.SensorId, StringComparer.Ordinal).ThenBy(s => s.InstanceId, StringComparer.Ordinal).ToList();
        writer.WriteCount(streams.Count);
        foreach (var stream in streams)
        {
            writer.WriteString(stream.SensorId);
            writer.WriteString(stream.InstanceId);
            writer.WriteLong(_positions[stream]);
        }
    }

    private void ReadPositions(StateReader reader)
    {
        var streams = reader.ReadCount();
        for (var i = 0; i < streams; i++)
        {
            if (!_positions.TryAdd(new StreamKey(reader.ReadString(), reader.ReadString()), reader.ReadLong()))
            {
                throw reader.Corrupt("repeated stream position");
            }
        }
    }
}
