using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Collector.Service.State;

/// <summary>
/// Endpoint renames the catalog has built but the store has not applied yet (it renames stored usage at the next
/// checkpoint): old identity → current identity, chains followed (A→B then B→C is A→C, B→C). The API reads stored
/// usage through it, so a time-range query does not lose an endpoint's history for up to a checkpoint interval
/// after its template changed. A rename is dropped once a checkpoint carrying it is stored: the rows moved.
/// </summary>
public sealed class PendingRenames
{
    private readonly Lock _lock = new();
    private volatile IReadOnlyDictionary<string, string> _current = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Old identity → the identity it is listed under now.</summary>
    public IReadOnlyDictionary<string, string> Current => _current;

    public void Built(IReadOnlyList<EndpointRename> renames)
    {
        ArgumentNullException.ThrowIfNull(renames);
        if (renames.Count == 0)
        {
            return;
        }
        lock (_lock)
        {
            var step = renames.ToDictionary(r => r.OldIdentity, r => r.NewIdentity, StringComparer.Ordinal);
            var next = _current.ToDictionary(p => p.Key, p => step.GetValueOrDefault(p.Value, p.Value), StringComparer.Ordinal);
            foreach (var (old, now) in step)
            {
                next[old] = now;
            }
            foreach (var same in next.Where(p => p.Key == p.Value).Select(p => p.Key).ToList())
            {
                next.Remove(same); // renamed back
            }
            _current = next;
        }
    }

    public void Stored(IReadOnlyList<EndpointRename> renames)
    {
        ArgumentNullException.ThrowIfNull(renames);
        if (renames.Count == 0)
        {
            return;
        }
        lock (_lock)
        {
            var next = new Dictionary<string, string>(_current, StringComparer.Ordinal);
            foreach (var rename in renames)
            {
                next.Remove(rename.OldIdentity);
            }
            _current = next;
        }
    }

    /// <summary>Stored requests per identity, moved to the identities they are listed under now.</summary>
    public IReadOnlyDictionary<string, long> Forward(IReadOnlyDictionary<string, long> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var map = _current;
        if (map.Count == 0)
        {
            return stored;
        }
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, requests) in stored)
        {
            var now = map.GetValueOrDefault(id, id);
            result[now] = result.GetValueOrDefault(now) + requests;
        }
        return result;
    }

    /// <summary><paramref name="identity"/> and every old identity now listed under it.</summary>
    public IReadOnlyList<string> StoredAs(string identity) =>
        [identity, .. _current.Where(p => p.Value == identity).Select(p => p.Key)];
}
