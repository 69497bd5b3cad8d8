using ApiSentinel.Collector.Kubernetes.Watching;
using k8s.Models;
using static ApiSentinel.Collector.Kubernetes.Tests.Watching.ConfigMaps;
using StepKind = ApiSentinel.Collector.Kubernetes.Tests.Watching.ScriptedWatchSource.StepKind;

namespace ApiSentinel.Collector.Kubernetes.Tests.Watching;

/// <summary>A watcher with a keep filter caches and reports only the objects the filter keeps, and counts the others.</summary>
public sealed class ResourceWatcherFilterTests : IAsyncDisposable
{
    private readonly TimerRecordingTimeProvider _time = new();
    private readonly ScriptedWatchSource _source;
    private readonly RecordingHandler _handler = new();
    private readonly HashSet<string> _wanted = new(StringComparer.Ordinal) { "a", "b" };
    private readonly ResourceWatcher<V1ConfigMap> _watcher;
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public ResourceWatcherFilterTests()
    {
        _source = new ScriptedWatchSource(_time);
        _watcher = new ResourceWatcher<V1ConfigMap>(_source, _handler, _time, random: new Random(7),
            keep: c => { lock (_wanted) { return _wanted.Contains(c.Metadata.Name); } });
    }

    [Fact]
    public async Task Objects_the_filter_does_not_keep_are_neither_cached_nor_handled_and_are_counted()
    {
        _source.Lists("10", Of("a", "5"), Of("x", "6"));
        _source.Watches(Added("y", "11"), Modified("b", "12"), Deleted("z", "13"), Bookmark("20"));
        _run = Task.Run(() => _watcher.RunAsync(_stop.Token));
        Assert.Equal(StepKind.List, (await _source.NextCallAsync()).Kind);
        await _source.NextCallAsync();
        await _source.NextCallAsync();

        Assert.Equal(["upsert a@5", "synced", "upsert b@12"], _handler.Calls);
        Assert.Equal(["a", "b"], _watcher.Items.Select(i => i.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.Equal((3, 1), (_watcher.Counters.Ignored, _watcher.Counters.Events));

        // Handed in by the owner once wanted; a copy the watch already has is not replaced; let go when no longer wanted.
        lock (_wanted)
        {
            _wanted.Add("x");
        }
        Assert.True(_watcher.TryAdd(Of("x", "6")));
        Assert.False(_watcher.TryAdd(Of("a", "4")));
        Assert.False(_watcher.TryAdd(Of("q", "1")));
        Assert.True(_watcher.TryGet("default", "a", out var a));
        Assert.Equal("5", a.Metadata.ResourceVersion);
        Assert.True(_watcher.Forget("default", "x"));
        Assert.False(_watcher.TryGet("default", "x", out _));
    }

    [Fact]
    public async Task A_cached_object_the_filter_stops_keeping_is_dropped_as_a_delete()
    {
        _source.Lists("10", Of("a", "5"));
        _run = Task.Run(() => _watcher.RunAsync(_stop.Token));
        Assert.Equal(StepKind.List, (await _source.NextCallAsync()).Kind);
        Assert.Equal(StepKind.Watch, (await _source.NextCallAsync()).Kind);
        lock (_wanted)
        {
            _wanted.Remove("a");
        }
        _source.Watches(Modified("a", "11"));
        await _source.NextCallAsync();

        Assert.Equal(["upsert a@5", "synced", "delete a@11"], _handler.Calls);
        Assert.Empty(_watcher.Items);
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
}
