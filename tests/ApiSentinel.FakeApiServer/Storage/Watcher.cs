using System.Threading.Channels;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>
/// One open watch: writers offer it finished NDJSON lines without ever waiting; when its buffer is full the watcher
/// is closed instead (the real server drops a watcher that cannot keep up, and the client re-lists).
/// </summary>
internal sealed class Watcher(WatchFilter filter, int capacity)
{
    private readonly Channel<string> _frames = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public WatchFilter Filter { get; } = filter;

    public ChannelReader<string> Frames => _frames.Reader;

    /// <summary>False when the buffer is full (the caller then closes the watcher) or it is closed already.</summary>
    public bool Offer(string frame) => _frames.Writer.TryWrite(frame);

    public void Close() => _frames.Writer.TryComplete();
}
