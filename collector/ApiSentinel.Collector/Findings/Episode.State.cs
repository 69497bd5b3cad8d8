using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// State export of an episode: the common part (span, endpoints in endpoint order, endpoints not listed) here,
/// the kind's own evidence in each subclass's <see cref="WriteEvidence"/>/<see cref="ReadEvidence"/> pair.
/// </summary>
internal abstract partial class Episode
{
    protected abstract void WriteEvidence(StateWriter writer);

    protected abstract void ReadEvidence(StateReader reader);

    public static void WriteOptional(StateWriter writer, Episode? episode)
    {
        writer.WriteBool(episode is not null);
        if (episode is null)
        {
            return;
        }
        writer.WriteLong(episode.FromMicros);
        writer.WriteLong(episode.ToMicros);
        var endpoints = episode._endpoints.ToArray();
        Array.Sort(endpoints, EndpointOrder.Instance);
        writer.WriteCount(endpoints.Length);
        foreach (var endpoint in endpoints)
        {
            writer.WriteKey(endpoint);
        }
        writer.WriteInt(episode.EndpointsNotListed);
        episode.WriteEvidence(writer);
    }

    public static TEpisode? ReadOptional<TEpisode>(StateReader reader, Func<long, TEpisode> create)
        where TEpisode : Episode
    {
        if (!reader.ReadBool())
        {
            return null;
        }
        var episode = create(reader.ReadLong());
        episode.ToMicros = reader.ReadLong();
        var endpoints = reader.ReadCount(episode.Options.MaxEndpointsPerFinding);
        for (var i = 0; i < endpoints; i++)
        {
            if (!episode._endpoints.Add(reader.ReadKey()))
            {
                throw reader.Corrupt("repeated episode endpoint");
            }
        }
        episode.EndpointsNotListed = reader.ReadInt();
        episode.ReadEvidence(reader);
        return episode;
    }
}
