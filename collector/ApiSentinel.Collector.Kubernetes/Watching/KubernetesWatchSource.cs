using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>
/// <see cref="IResourceWatchSource{T}"/> over KubernetesClient, for any kind given its list and watch calls (see
/// <see cref="KubernetesWatchSources"/> for the ones the collector uses). Lists page by page; watches with bookmarks;
/// turns 410 Gone — as an HTTP status or as the <c>ERROR</c> event the server sends on an open watch — into
/// <see cref="WatchExpiredException"/>.
/// </summary>
public sealed class KubernetesWatchSource<T, TList> : IResourceWatchSource<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : IItems<T>, IMetadata<V1ListMeta>
{
    /// <summary>Objects per list page (client-go's informers ask for 500 as well).</summary>
    public const int PageSize = 500;

    // A watch the server should have ended is abandoned this long after its timeout: a connection that died
    // without a FIN would otherwise hold the loop forever.
    private static readonly TimeSpan StaleWatchGrace = TimeSpan.FromMinutes(1);

    private readonly ListCall<TList> _list;
    private readonly WatchCall<T> _watch;
    private readonly TimeProvider _time;

    public KubernetesWatchSource(ListCall<TList> list, WatchCall<T> watch, string description, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(time);
        _list = list;
        _watch = watch;
        Description = description;
        _time = time;
    }

    public string Description { get; }

    public async Task<ResourceList<T>> ListAsync(CancellationToken cancellationToken)
    {
        // A continue token can expire between pages; the list then starts over, once, from a fresh read.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await ListPagesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException gone) when (IsGone(gone) && attempt == 0)
            {
            }
        }
    }

    public async IAsyncEnumerable<ResourceWatchEvent<T>> WatchAsync(string resourceVersion, TimeSpan timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stale = new CancellationTokenSource(timeout + StaleWatchGrace, _time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stale.Token);
        Exception? failure = null;
        void OnError(Exception error)
        {
            // The server ends a watch after an ERROR event; stop reading now rather than trusting it to.
            failure ??= error;
            stop.Cancel();
        }

        var request = new ListRequest
        {
            ResourceVersion = resourceVersion,
            Watch = true,
            TimeoutSeconds = (int)Math.Ceiling(timeout.TotalSeconds),
        };
        var events = _watch(request, OnError, stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (HttpOperationException gone) when (IsGone(gone))
                {
                    throw new WatchExpiredException($"resourceVersion {resourceVersion}: {gone.Response.ReasonPhrase}", gone);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested
                    && (failure is not null || stale.IsCancellationRequested))
                {
                    more = false;
                }
                if (!more)
                {
                    break;
                }
                var (type, item) = events.Current;
                yield return new ResourceWatchEvent<T>(type, item);
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }

        if (failure is KubernetesException { Status.Code: (int)HttpStatusCode.Gone } expired)
        {
            throw new WatchExpiredException($"resourceVersion {resourceVersion}: {expired.Status.Message}", expired);
        }
        if (failure is not null)
        {
            throw new InvalidOperationException($"watch of {Description} failed: {failure.Message}", failure);
        }
    }

    private async Task<ResourceList<T>> ListPagesAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? next = null;
        while (true)
        {
            using var response = await _list(new ListRequest { Limit = PageSize, Continue = next }, cancellationToken)
                .ConfigureAwait(false);
            var page = response.Body;
            items.AddRange(page.Items ?? []);
            next = page.Metadata?.ContinueProperty;
            if (string.IsNullOrEmpty(next))
            {
                return new ResourceList<T>(items, page.Metadata?.ResourceVersion ?? "");
            }
        }
    }

    private static bool IsGone(HttpOperationException failure) => failure.Response?.StatusCode == HttpStatusCode.Gone;
}
