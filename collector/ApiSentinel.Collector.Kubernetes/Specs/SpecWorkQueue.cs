using System.Collections.Concurrent;
using System.Threading.Channels;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// The ApiSpec keys waiting for a reconcile, each at most once: a burst of events for one ApiSpec (its own, its
/// ConfigMap's, a build's) coalesces into one reconcile, which reads the latest state anyway. A key queued while it
/// is being reconciled is queued again, so no change is missed. Any thread may enqueue; one reader.
/// </summary>
internal sealed class SpecWorkQueue
{
    private readonly Channel<string> _keys = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    public void Enqueue(string key)
    {
        if (_queued.TryAdd(key, 0))
        {
            _keys.Writer.TryWrite(key);
        }
    }

    public async IAsyncEnumerable<string> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var key in _keys.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            _queued.TryRemove(key, out _);
            yield return key;
        }
    }
}
