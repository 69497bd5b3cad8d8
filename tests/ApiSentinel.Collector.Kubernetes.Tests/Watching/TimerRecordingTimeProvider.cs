using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Kubernetes.Tests.Watching;

/// <summary>A fake clock that tells the test each timer created (a backoff's delay), so the test advances time exactly then.</summary>
internal sealed class TimerRecordingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _timers.Reader.ReadAsync(timeout.Token);
    }

    public bool HasTimerPending => _timers.Reader.TryPeek(out _);
}
