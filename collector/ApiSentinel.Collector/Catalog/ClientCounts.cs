using System.Collections.Immutable;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// A frozen <see cref="TopCounter"/> of one endpoint's clients: the most frequent ones (most calls first, ties by
/// address) and how many the live counter tracked. Only the first <see cref="Listed"/> are copied — what every
/// output shows — so a build does not copy 256 clients of each of 20,000 endpoints.
/// </summary>
public sealed class ClientCounts
{
    /// <summary>Clients copied into a snapshot per endpoint.</summary>
    public const int Listed = 10;

    private readonly ImmutableArray<KeyValuePair<string, long>> _top;

    private ClientCounts(ImmutableArray<KeyValuePair<string, long>> top, int count, long evicted)
    {
        _top = top;
        Count = count;
        Evicted = evicted;
    }

    internal static ClientCounts Of(TopCounter counter) => new([.. counter.Top(Listed)], counter.Count, counter.Evicted);

    /// <summary>Distinct clients the live counter tracked (at most its capacity).</summary>
    public int Count { get; }

    /// <summary>Distinct clients seen but no longer tracked (replaced at the bound).</summary>
    public long Evicted { get; }

    /// <summary>The top <paramref name="n"/> clients by calls (at most <see cref="Listed"/>), ties broken by address.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Top(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return n >= _top.Length ? _top : _top[..n];
    }
}
