using ApiSentinel.Collector.Kubernetes.Watching;
using k8s.Models;
using static ApiSentinel.Collector.Kubernetes.Tests.Watching.ConfigMaps;
using StepKind = ApiSentinel.Collector.Kubernetes.Tests.Watching.ScriptedWatchSource.StepKind;

namespace ApiSentinel.Collector.Kubernetes.Tests.Watching;

public sealed class ResourceWatcherTests : IAsyncDisposable
{
    private readonly TimerRecordingTimeProvider _time = new();
    private readonly ScriptedWatchSource _source;
    private readonly RecordingHandler _handler;
    private readonly ResourceWatcher<V1ConfigMap> _watcher;
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public ResourceWatcherTests()
        : this(new RecordingHandler())
    {
    }

    private ResourceWatcherTests(RecordingHandler handler)
    {
        _source = new ScriptedWatchSource(_time);
        _handler = handler;
        _watcher = new ResourceWatcher<V1ConfigMap>(_source, _handler, _time, random: new Random(7));
    }

    [Fact]
    public async Task Lists_then_watches_from_the_lists_version_and_follows_every_event()
    {
        _source.Lists("10", Of("a", "5"), Of("b", "7"));
        _source.Watches(Added("c", "11"), Modified("a", "12"), Deleted("b", "13"), Bookmark("20"));
        Start();

        Assert.Equal(StepKind.List, (await _source.NextCallAsync()).Kind);
        Assert.Equal(new(StepKind.Watch, "10", _time.GetUtcNow()), await _source.NextCallAsync());
        // The server ended the watch after delivering: watch again at once from the bookmark's version, no relist.
        Assert.Equal(new(StepKind.Watch, "20", _time.GetUtcNow()), await _source.NextCallAsync());

        Assert.True(_watcher.Synced.IsCompletedSuccessfully);
        Assert.Equal(["upsert a@5", "upsert b@7", "synced", "upsert c@11", "upsert a@12", "delete b@13"], _handler.Calls);
        Assert.Equal(["a@12", "c@11"], _watcher.Items.Select(i => $"{i.Metadata.Name}@{i.Metadata.ResourceVersion}").Order());
        Assert.True(_watcher.TryGet("default", "a", out var a));
        Assert.Equal("12", a.Metadata.ResourceVersion);
        Assert.False(_watcher.TryGet("default", "b", out _));
        Assert.False(_watcher.TryGet("other", "a", out _));
        Assert.Equal("20", _watcher.ResourceVersion);
        Assert.Equal((1, 0, 3, 1, 0), (_watcher.Counters.Lists, _watcher.Counters.Relists, _watcher.Counters.Events,
            _watcher.Counters.Bookmarks, _watcher.Counters.Errors));
        Assert.False(_time.HasTimerPending);
    }

    [Fact]
    public async Task An_expired_watch_relists_and_reports_what_vanished_meanwhile()
    {
        _source.Lists("10", Of("a", "5"), Of("b", "7"), Of("c", "8"));
        _source.WatchExpires(Modified("a", "11"));
        _source.Lists("30", Of("a", "11"), Of("c", "25"), Of("d", "26"));
        Start();

        Assert.Equal(StepKind.List, (await _source.NextCallAsync()).Kind);
        Assert.Equal("10", (await _source.NextCallAsync()).ResourceVersion);
        Assert.Equal(StepKind.List, (await _source.NextCallAsync()).Kind);
        Assert.Equal(new(StepKind.Watch, "30", _time.GetUtcNow()), await _source.NextCallAsync());

        // a is unchanged in the relist (same resourceVersion) and not reported again; b vanished; c changed; d is new.
        Assert.Equal(["upsert a@5", "upsert b@7", "upsert c@8", "synced", "upsert a@11",
            "upsert c@25", "upsert d@26", "delete b@7", "synced"], _handler.Calls);
        Assert.Equal((2, 1, 0), (_watcher.Counters.Lists, _watcher.Counters.Relists, _watcher.Counters.Errors));
        // The watch had made progress, so the relist came at once.
        Assert.False(_time.HasTimerPending);
    }

    [Fact]
    public async Task A_watch_that_expires_straight_after_its_list_waits_before_listing_again()
    {
        _source.Lists("10", Of("a", "5"));
        _source.WatchExpires();
        _source.Lists("40", Of("a", "5"));
        Start();

        var listed = await _source.NextCallAsync();
        await _source.NextCallAsync();
        var delay = await _time.NextTimerAsync();
        Assert.InRange(delay, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.False(_source.HasCallPending);

        _time.Advance(delay);
        var relisted = await _source.NextCallAsync();
        Assert.Equal(StepKind.List, relisted.Kind);
        Assert.Equal(delay, relisted.At - listed.At);
    }

    [Fact]
    public async Task Failures_back_off_exponentially_with_jitter_up_to_thirty_seconds_and_never_spin()
    {
        const int failures = 8;
        for (var i = 0; i < failures; i++)
        {
            _source.ListFails(new HttpRequestException("connection refused"));
        }
        _source.Lists("10");
        _source.WatchFails(new HttpRequestException("reset"), Added("a", "11"));
        Start();

        var previous = await _source.NextCallAsync();
        var delays = new List<TimeSpan>();
        for (var i = 0; i < failures; i++)
        {
            var delay = await _time.NextTimerAsync();
            var ceiling = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, i)));
            Assert.InRange(delay, ceiling / 2, ceiling);
            Assert.False(_source.HasCallPending); // waiting: not calling again
            _time.Advance(delay);
            var call = await _source.NextCallAsync();
            Assert.Equal(delay, call.At - previous.At);
            previous = call;
            delays.Add(delay);
        }
        Assert.True(delays[^1] > TimeSpan.FromSeconds(15)); // capped at 30 s, by the InRange above
        Assert.True(delays.Distinct().Count() > 1);

        // The list worked, the watch delivered and then broke: the backoff starts over from one second.
        Assert.Equal(StepKind.Watch, (await _source.NextCallAsync()).Kind);
        var afterProgress = await _time.NextTimerAsync();
        Assert.InRange(afterProgress, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.Equal(failures + 1, _watcher.Counters.Errors);
        Assert.Equal("11", _watcher.ResourceVersion);
        _time.Advance(afterProgress);
        // Resumed from the last event's version: a broken watch is not a reason to relist.
        Assert.Equal("11", (await _source.NextCallAsync()).ResourceVersion);
        Assert.Equal(1, _watcher.Counters.Lists);
    }

    [Fact]
    public async Task A_watch_that_ends_with_nothing_waits_a_backoff_before_watching_again()
    {
        _source.Lists("10");
        _source.Watches();
        Start();

        await _source.NextCallAsync();
        var first = await _source.NextCallAsync();
        var delay = await _time.NextTimerAsync();
        Assert.True(delay >= TimeSpan.FromSeconds(0.5));
        _time.Advance(delay);
        var second = await _source.NextCallAsync();
        Assert.Equal(("10", delay), (second.ResourceVersion, second.At - first.At));
        Assert.Equal(0, _watcher.Counters.Errors);
    }

    [Fact]
    public async Task A_quiet_watch_that_lasted_its_timeout_is_watched_again_at_once()
    {
        _source.Lists("10");
        Start();
        await _source.NextCallAsync();
        var first = await _source.NextCallAsync();

        // The server holds the watch open, quiet, for the whole (shortest) timeout asked for, then ends it.
        _time.Advance(ResourceWatcher<V1ConfigMap>.DefaultWatchTimeout * 2);
        _source.Watches();
        var second = await _source.NextCallAsync();
        Assert.Equal(("10", first.At + ResourceWatcher<V1ConfigMap>.DefaultWatchTimeout * 2), (second.ResourceVersion, second.At));
        Assert.False(_time.HasTimerPending);
        Assert.Equal(0, _watcher.Counters.Errors);
    }

    [Fact]
    public async Task A_failing_handler_is_counted_and_the_loop_goes_on()
    {
        var handler = new RecordingHandler { FailOn = c => c.Metadata.Name == "a" };
        await using var test = new ResourceWatcherTests(handler);
        test._source.Lists("10", Of("a", "5"), Of("b", "6"));
        test._source.Watches(Modified("a", "11"), Added("c", "12"));
        test.Start();

        await test._source.NextCallAsync();
        await test._source.NextCallAsync();
        await test._source.NextCallAsync();
        Assert.Equal(["upsert a@5", "upsert b@6", "synced", "upsert a@11", "upsert c@12"], handler.Calls);
        Assert.Equal(2, test._watcher.Counters.HandlerFailures);
        Assert.True(test._watcher.TryGet("default", "c", out _));
    }

    [Fact]
    public async Task Cancelling_ends_the_loop_even_while_it_backs_off()
    {
        _source.ListFails(new HttpRequestException("connection refused"));
        Start();
        await _source.NextCallAsync();
        await _time.NextTimerAsync();

        await _stop.CancelAsync();
        await _run!;
        Assert.False(_watcher.Synced.IsCompleted);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }
        _stop.Dispose();
    }

    private void Start() => _run = Task.Run(() => _watcher.RunAsync(_stop.Token));
}
