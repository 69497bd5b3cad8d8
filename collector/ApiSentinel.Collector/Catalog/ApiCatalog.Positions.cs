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

    /// <summary>True when <paramref name="sequence"/> is past the stream's position (it then becomes the position).</summary>
    internal bool Advance(StreamKey stream, long sequence)
    {
        if (_positions.TryGetValue(stream, out var last) && sequence <= last)
        {
            return false;
        }
        _positions[stream] = sequence;
        return true;
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
