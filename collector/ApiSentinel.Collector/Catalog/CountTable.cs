using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Counts by key, frozen: keys in the order of the comparer it was built with, lookups by binary search. What a
/// snapshot holds instead of the live hash maps ingest updates. Two parallel arrays cost about a sixth of an
/// <see cref="ImmutableSortedDictionary{TKey, TValue}"/>'s tree nodes, which matters at 20,000 endpoints × a dozen maps.
/// </summary>
public sealed class CountTable<TKey> : IReadOnlyDictionary<TKey, long>
    where TKey : notnull
{
    private readonly ImmutableArray<TKey> _keys;
    private readonly ImmutableArray<long> _counts;
    private readonly IComparer<TKey> _order;

    private CountTable(ImmutableArray<TKey> keys, ImmutableArray<long> counts, IComparer<TKey> order)
    {
        _keys = keys;
        _counts = counts;
        _order = order;
    }

    public static CountTable<TKey> Empty(IComparer<TKey> order) => new([], [], order);

    /// <summary>A frozen copy of <paramref name="counts"/>, sorted by <paramref name="order"/>.</summary>
    public static CountTable<TKey> Of(IEnumerable<KeyValuePair<TKey, long>> counts, IComparer<TKey> order)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(order);
        var pairs = counts.ToArray();
        if (pairs.Length == 0)
        {
            return Empty(order);
        }
        Array.Sort(pairs, (x, y) => order.Compare(x.Key, y.Key));
        var keys = ImmutableArray.CreateBuilder<TKey>(pairs.Length);
        var values = ImmutableArray.CreateBuilder<long>(pairs.Length);
        foreach (var (key, count) in pairs)
        {
            keys.Add(key);
            values.Add(count);
        }
        return new(keys.MoveToImmutable(), values.MoveToImmutable(), order);
    }

    public int Count => _keys.Length;

    public long this[TKey key] => TryGetValue(key, out var count) ? count : throw new KeyNotFoundException();

    /// <summary>Keys in order.</summary>
    public IEnumerable<TKey> Keys => _keys;

    public IEnumerable<long> Values => _counts;

    public bool ContainsKey(TKey key) => IndexOf(key) >= 0;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out long value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _counts[index] : 0;
        return index >= 0;
    }

    /// <summary>The key at position <paramref name="index"/> in order, with its count.</summary>
    public KeyValuePair<TKey, long> At(int index) => new(_keys[index], _counts[index]);

    public IEnumerator<KeyValuePair<TKey, long>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return At(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(TKey key)
    {
        int low = 0, high = _keys.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = _order.Compare(_keys[middle], key);
            if (order == 0)
            {
                return middle;
            }
            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return -1;
    }
}
