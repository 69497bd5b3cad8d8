using System.Text;
using ApiSentinel.FakeApiServer.Resources;
using ApiSentinel.FakeApiServer.Selectors;
using ApiSentinel.FakeApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace ApiSentinel.FakeApiServer.Http;

/// <summary>
/// Serves <c>?watch=1</c>: newline-delimited JSON events, starting from the state (no resourceVersion) or the kept
/// history after one; a resourceVersion older than the history gets one ERROR event with a 410 Expired Status, as the
/// real server sends. Bookmarks (when asked for) and <c>timeoutSeconds</c> run on the server's clock.
/// </summary>
internal sealed class WatchStreamer(ObjectStore store, TimeProvider time, TimeSpan bookmarkInterval)
{
    public async Task StreamAsync(HttpResponse response, ResourceType type, string? ns, LabelSelector labels, FieldSelector fields,
        long? from, bool bookmarks, TimeSpan? timeout, CancellationToken ct)
    {
        var filter = new WatchFilter(type.Group, type.Plural, type.Kind, ns, type.ApiVersion, labels, fields);
        var watcher = store.Open(filter, from, out var initial, out var oldest);
        response.StatusCode = 200;
        response.ContentType = MediaTypes.Json;
        await response.StartAsync(ct);
        if (watcher is null)
        {
            await response.WriteAsync(WatchFrames.Error(KubeStatus.Expired(from!.Value, oldest)), Encoding.UTF8, ct);
            return;
        }
        using var expiry = timeout is { } t ? new CancellationTokenSource(t, time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, expiry.Token);
        var bookmarkTimer = bookmarks ? time.CreateTimer(_ => store.Bookmark(watcher), null, bookmarkInterval, bookmarkInterval) : null;
        try
        {
            foreach (var frame in initial)
            {
                await response.WriteAsync(frame, Encoding.UTF8, linked.Token);
            }
            await response.Body.FlushAsync(linked.Token);
            var reader = watcher.Frames;
            while (await reader.WaitToReadAsync(linked.Token))
            {
                while (reader.TryRead(out var frame))
                {
                    await response.WriteAsync(frame, Encoding.UTF8, linked.Token);
                }
                await response.Body.FlushAsync(linked.Token);
            }
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // timeoutSeconds elapsed: the server ends the stream normally and the client starts a new watch.
        }
        finally
        {
            // The timer goes first: a bookmark offered to a closed watcher would read as a slow one.
            bookmarkTimer?.Dispose();
            store.Close(watcher);
        }
    }
}
