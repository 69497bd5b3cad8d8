using System.Collections.Concurrent;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>
/// Keeps an up-to-date view of one kind of object (a namespace or all, optionally a label selector: whatever the
/// <see cref="IResourceWatchSource{T}"/> asks for) and tells a handler what changed: client-go's reflector and
/// informer cache, reduced to what the collector needs. Run it with <see cref="RunAsync"/> from the owner's loop.
/// </summary>
/// <remarks>
/// <para>The loop: list → apply it (upserts for what is new or changed, deletes for what vanished since the last list,
/// then <see cref="IResourceEventHandler{T}.OnSynced"/>) → watch from the list's resourceVersion with bookmarks → apply
/// each event and move the resourceVersion on → when the server ends the watch (its timeout), watch again from the
/// last resourceVersion. When that version has expired (410 Gone) it lists again; nothing is missed, because the
/// relist's diff against the cache reports objects deleted meanwhile.</para>
/// <para>Failures (connection refused, 5xx, an unreadable stream) are counted and retried after an
/// <see cref="ExponentialBackoff"/> on the injected clock (cap 30 s). A watch that ends early having delivered
/// nothing, or expires right after a list, waits a backoff too: a server that answers at once with nothing cannot make
/// the loop spin. A quiet watch that lasted about its requested timeout is a success: watched again at once. The backoff resets once a watch delivers something.</para>
/// <para>A <c>keep</c> filter bounds the cache to the objects the owner needs (the ConfigMaps some ApiSpec names, not
/// every ConfigMap of the cluster with up to 1 MiB of data each): others are neither cached nor handed to the handler,
/// only counted (<see cref="ResourceWatcherCounters.Ignored"/>); a cached object that stops being kept is dropped as a
/// delete. An object that becomes wanted while it sits unchanged on the server is fetched by the owner and handed in
/// with <see cref="TryAdd"/>; one no longer wanted is let go with <see cref="Forget"/>.</para>
/// <para>Reads of <see cref="TryGet"/> and <see cref="Items"/> are safe from any thread.</para>
/// </remarks>
public sealed class ResourceWatcher<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The shortest server-side watch timeout asked for; each watch asks for a random one in [t, 2t), as client-go.</summary>
    public static readonly TimeSpan DefaultWatchTimeout = TimeSpan.FromMinutes(5);

    private const double QuietWatchShare = 0.9;

    private readonly IResourceWatchSource<T> _source;
    private readonly IResourceEventHandler<T> _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ExponentialBackoff _backoff;
    private readonly Random _random;
    private readonly TimeSpan _watchTimeout;
    private readonly ConcurrentDictionary<string, T> _cache = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<T, bool> _keep;
    private string? _lastFailure;
    private string? _resourceVersion;

    // Watch events applied since the last list: a watch that expires before any tells the list itself was stale.
    private long _delivered;

    public ResourceWatcher(IResourceWatchSource<T> source, IResourceEventHandler<T> handler, TimeProvider time,
        ILogger? log = null, Random? random = null, TimeSpan? watchTimeout = null, Func<T, bool>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(time);
        _source = source;
        _handler = handler;
        _time = time;
        _log = log ?? NullLogger.Instance;
        _random = random ?? Random.Shared;
        _backoff = new ExponentialBackoff(_random);
        _watchTimeout = watchTimeout ?? DefaultWatchTimeout;
        _keep = keep ?? (_ => true);
    }

    public ResourceWatcherCounters Counters { get; } = new();

    /// <summary>Completes when the first list has been applied (the cache is complete from then on).</summary>
    public Task Synced => _synced.Task;

    /// <summary>Completes at the first failed list or watch (whether or not a list succeeded before).</summary>
    public Task Failed => _failed.Task;

    /// <summary>The last failure of a list or watch (exception type and message), null while none failed.</summary>
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>The resourceVersion the view is at; null before the first list and after an expiry.</summary>
    public string? ResourceVersion => Volatile.Read(ref _resourceVersion);

    /// <summary>The objects known now, in no particular order.</summary>
    public IReadOnlyCollection<T> Items => [.. _cache.Values];

    /// <summary>The object with this namespace (null for cluster-scoped kinds) and name, as last seen.</summary>
    public bool TryGet(string? @namespace, string name, out T resource) =>
        _cache.TryGetValue(KeyOf(@namespace, name), out resource!);

    /// <summary>
    /// Caches <paramref name="item"/>, fetched by the owner, unless the watch has it already (its copy is at least as
    /// new) or the filter does not keep it. No handler call: the owner asked for it. True when it was added.
    /// </summary>
    public bool TryAdd(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _keep(item) && _cache.TryAdd(KeyOf(item), item);
    }

    /// <summary>Drops an object the owner no longer wants from the cache (no handler call); the filter keeps it out from then on.</summary>
    public bool Forget(string? @namespace, string name) => _cache.TryRemove(KeyOf(@namespace, name), out _);

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> is cancelled; then returns.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var listed = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = false;
            try
            {
                if (ResourceVersion is null)
                {
                    Volatile.Write(ref _resourceVersion, await ListAsync(relist: listed, cancellationToken).ConfigureAwait(false));
                    listed = true;
                }
                wait = !await WatchAsync(ResourceVersion!, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (WatchExpiredException expired)
            {
                WatchLog.Expired(_log, _source.Description, expired.Message);
                // Relist at once after a watch that made progress; straight after a list, the server's history is
                // shorter than a list takes, and listing again at once would only repeat that.
                wait = _delivered == 0;
                Volatile.Write(ref _resourceVersion, null);
            }
            catch (Exception failure)
            {
                Counters.Error();
                Volatile.Write(ref _lastFailure, Describe(failure));
                _failed.TrySetResult();
                WatchLog.Failed(_log, _source.Description, failure.GetType().Name, failure.Message);
                wait = true;
            }

            if (wait)
            {
                try
                {
                    await Task.Delay(_backoff.NextDelay(), _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<string> ListAsync(bool relist, CancellationToken cancellationToken)
    {
        var list = await _source.ListAsync(cancellationToken).ConfigureAwait(false);
        _delivered = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (!_keep(item))
            {
                Counters.Ignore();
                continue;
            }
            var key = KeyOf(item);
            seen.Add(key);
            if (_cache.TryGetValue(key, out var known) && SameVersion(known, item))
            {
                continue;
            }
            _cache[key] = item;
            Call(_handler.OnUpsert, item);
        }
        foreach (var (key, gone) in _cache.ToArray())
        {
            if (!seen.Contains(key) && _cache.TryRemove(key, out _))
            {
                Call(_handler.OnDelete, gone);
            }
        }
        Counters.List(relist);
        WatchLog.Listed(_log, _source.Description, list.Items.Count, list.ResourceVersion);
        _synced.TrySetResult();
        try
        {
            _handler.OnSynced();
        }
        catch (Exception failure)
        {
            HandlerFailed(failure);
        }
        return list.ResourceVersion;
    }

    /// <summary>One watch until the server ends it; true when it delivered anything (bookmarks included) or lasted
    /// about the timeout it asked for (a quiet watch the server ended as asked).</summary>
    private async Task<bool> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var timeout = _watchTimeout * (1 + _random.NextDouble());
        var started = _time.GetTimestamp();
        var delivered = false;
        await foreach (var change in _source.WatchAsync(resourceVersion, timeout, cancellationToken).ConfigureAwait(false))
        {
            Apply(change);
            delivered = true;
            _delivered++;
            _backoff.Reset();
        }
        // Servers round the timeout to whole seconds and may end a little early: 90 % of it counts as lasting.
        return delivered || _time.GetElapsedTime(started) >= timeout * QuietWatchShare;
    }

    private void Apply(ResourceWatchEvent<T> change)
    {
        var item = change.Object;
        switch (change.Type)
        {
            case WatchEventType.Added:
            case WatchEventType.Modified:
                if (_keep(item))
                {
                    _cache[KeyOf(item)] = item;
                    Counters.Event();
                    Call(_handler.OnUpsert, item);
                }
                else if (_cache.TryRemove(KeyOf(item), out _))
                {
                    Counters.Event();
                    Call(_handler.OnDelete, item);
                }
                else
                {
                    Counters.Ignore();
                }
                break;
            case WatchEventType.Deleted:
                if (_cache.TryRemove(KeyOf(item), out _) || _keep(item))
                {
                    Counters.Event();
                    Call(_handler.OnDelete, item);
                }
                else
                {
                    Counters.Ignore();
                }
                break;
            case WatchEventType.Bookmark:
                Counters.Bookmark();
                break;
            default:
                throw new InvalidOperationException($"watch event of type {change.Type}");
        }
        var version = item?.Metadata?.ResourceVersion;
        if (!string.IsNullOrEmpty(version))
        {
            Volatile.Write(ref _resourceVersion, version);
        }
    }

    // One line for whoever reports the watch failing: the HTTP status when the server answered, the exception otherwise.
    private static string Describe(Exception failure) => failure is HttpOperationException { Response: { } response }
        ? $"HTTP {(int)response.StatusCode} {response.StatusCode}"
        : $"{failure.GetType().Name}: {failure.Message}";

    private void Call(Action<T> callback, T item)
    {
        try
        {
            callback(item);
        }
        catch (Exception failure)
        {
            HandlerFailed(failure);
        }
    }

    private void HandlerFailed(Exception failure)
    {
        Counters.HandlerFailure();
        WatchLog.HandlerFailed(_log, _source.Description, failure);
    }

    private static bool SameVersion(T known, T listed) =>
        !string.IsNullOrEmpty(listed.Metadata?.ResourceVersion)
        && string.Equals(known.Metadata?.ResourceVersion, listed.Metadata.ResourceVersion, StringComparison.Ordinal);

    private static string KeyOf(T item) => KeyOf(item.Metadata?.NamespaceProperty, item.Metadata?.Name ?? "");

    private static string KeyOf(string? @namespace, string name) =>
        string.IsNullOrEmpty(@namespace) ? name : $"{@namespace}/{name}";
}
