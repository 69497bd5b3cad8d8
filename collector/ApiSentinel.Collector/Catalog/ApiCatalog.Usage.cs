using ApiSentinel.Collector.Catalog.State;
using ApiSentinel.Collector.Endpoints;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Hourly usage for a durable store: every endpoint counts its calls per hour (<see cref="HourlyUsage"/>) until a
/// checkpoint drains them under the identity the endpoint has after that checkpoint's build; a checkpoint the store
/// could not write gives its usage back, by the key it was drained under, and the next drain files it under whatever
/// that key has become since (<c>_renamed</c> follows every key to where it lives now).
/// </summary>
public sealed partial class ApiCatalog
{
    private readonly Dictionary<(EndpointKey Key, long Hour), (long Requests, long Errors)> _returnedUsage = [];

    /// <summary>Calls whose hour was not counted because their endpoint had too many hours pending (see <see cref="HourlyUsage"/>).</summary>
    private long UsageCallsDropped => _endpoints.Values.Sum(e => e.PendingUsage.Dropped);

    /// <summary>
    /// The usage pending since the last drain, by the key each endpoint has now (call right after <see cref="Build"/>,
    /// so the keys are the ones that build published), in key and hour order; nothing is pending afterwards.
    /// </summary>
    internal List<DrainedUsage> DrainUsage()
    {
        var merged = new Dictionary<(EndpointKey Key, long Hour), (long Requests, long Errors)>();
        foreach (var ((key, hour), (requests, errors)) in _returnedUsage)
        {
            Add(merged, (_renamed.GetValueOrDefault(key, key), hour), requests, errors);
        }
        _returnedUsage.Clear();
        foreach (var endpoint in _endpoints.Values)
        {
            foreach (var (hour, requests, errors) in endpoint.PendingUsage.Drain())
            {
                Add(merged, (endpoint.Key, hour), requests, errors);
            }
        }
        return merged.OrderBy(u => u.Key.Key, EndpointOrder.Instance).ThenBy(u => u.Key.Hour)
            .Select(u => new DrainedUsage(u.Key.Key, new UsageBucket(EndpointIdentity.Of(u.Key.Key), u.Key.Hour, u.Value.Requests, u.Value.Errors)))
            .ToList();
    }

    /// <summary>Takes back usage a drain gave out (its checkpoint was not stored): the next drain has it again.</summary>
    internal void ReturnUsage(IEnumerable<DrainedUsage> usage)
    {
        foreach (var (key, bucket) in usage)
        {
            Add(_returnedUsage, (key, bucket.HourStartMicros), bucket.Requests, bucket.Errors);
        }
    }

    private static void Add(Dictionary<(EndpointKey Key, long Hour), (long Requests, long Errors)> into, (EndpointKey, long) at, long requests, long errors)
    {
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(into, at, out _);
        count = (count.Requests + requests, count.Errors + errors);
    }

    private void WriteReturnedUsage(StateWriter writer)
    {
        var entries = _returnedUsage.OrderBy(u => u.Key.Key, EndpointOrder.Instance).ThenBy(u => u.Key.Hour).ToList();
        writer.WriteCount(entries.Count);
        foreach (var ((key, hour), (requests, errors)) in entries)
        {
            writer.WriteKey(key);
            writer.WriteLong(hour);
            writer.WriteLong(requests);
            writer.WriteLong(errors);
        }
    }

    private void ReadReturnedUsage(StateReader reader)
    {
        var entries = reader.ReadCount();
        for (var i = 0; i < entries; i++)
        {
            var at = (reader.ReadKey(), reader.ReadLong());
            var count = (reader.ReadNonNegative(), reader.ReadNonNegative());
            if (HourlyUsage.HourOf(at.Item2) != at.Item2 || !_returnedUsage.TryAdd(at, count))
            {
                throw reader.Corrupt("invalid returned usage");
            }
        }
    }
}

/// <summary>A drained usage bucket with the key it was drained under (to give it back if its checkpoint fails).</summary>
internal readonly record struct DrainedUsage(EndpointKey Key, UsageBucket Bucket);
