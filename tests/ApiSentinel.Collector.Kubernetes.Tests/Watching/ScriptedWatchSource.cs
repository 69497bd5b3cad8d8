using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ApiSentinel.Collector.Kubernetes.Watching;
using k8s;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Tests.Watching;

/// <summary>
/// A watch source whose answers the test scripts in order (a list, a watch's events and how it ends); each call takes
/// the next step, waiting when there is none yet, and is recorded with the fake clock's time.
/// </summary>
internal sealed class ScriptedWatchSource : IResourceWatchSource<V1ConfigMap>
{
    private readonly Channel<Step> _steps = Channel.CreateUnbounded<Step>();
    private readonly Channel<SourceCall> _calls = Channel.CreateUnbounded<SourceCall>();
    private readonly TimeProvider _time;

    public ScriptedWatchSource(TimeProvider time) => _time = time;

    public string Description => "scripted configmaps";

    public void Lists(string resourceVersion, params V1ConfigMap[] items) =>
        _steps.Writer.TryWrite(new Step(StepKind.List, items, resourceVersion, null, null));

    public void ListFails(Exception failure) => _steps.Writer.TryWrite(new Step(StepKind.List, [], "", null, failure));

    public void Watches(params ResourceWatchEvent<V1ConfigMap>[] events) =>
        _steps.Writer.TryWrite(new Step(StepKind.Watch, [], "", events, null));

    public void WatchFails(Exception failure, params ResourceWatchEvent<V1ConfigMap>[] eventsFirst) =>
        _steps.Writer.TryWrite(new Step(StepKind.Watch, [], "", eventsFirst, failure));

    public void WatchExpires(params ResourceWatchEvent<V1ConfigMap>[] eventsFirst) =>
        WatchFails(new WatchExpiredException("too old resource version"), eventsFirst);

    /// <summary>The next call the watcher made.</summary>
    public async Task<SourceCall> NextCallAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _calls.Reader.ReadAsync(timeout.Token);
    }

    public bool HasCallPending => _calls.Reader.TryPeek(out _);

    public async Task<ResourceList<V1ConfigMap>> ListAsync(CancellationToken cancellationToken)
    {
        _calls.Writer.TryWrite(new SourceCall(StepKind.List, null, _time.GetUtcNow()));
        var step = await NextStepAsync(StepKind.List, cancellationToken);
        if (step.Failure is not null)
        {
            throw step.Failure;
        }
        return new ResourceList<V1ConfigMap>(step.Items, step.ResourceVersion);
    }

    public async IAsyncEnumerable<ResourceWatchEvent<V1ConfigMap>> WatchAsync(string resourceVersion, TimeSpan timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _calls.Writer.TryWrite(new SourceCall(StepKind.Watch, resourceVersion, _time.GetUtcNow()));
        var step = await NextStepAsync(StepKind.Watch, cancellationToken);
        foreach (var change in step.Events!)
        {
            yield return change;
        }
        if (step.Failure is not null)
        {
            throw step.Failure;
        }
    }

    private async Task<Step> NextStepAsync(StepKind kind, CancellationToken cancellationToken)
    {
        var step = await _steps.Reader.ReadAsync(cancellationToken);
        return step.Kind == kind ? step : throw new InvalidOperationException($"scripted {step.Kind}, called {kind}");
    }

    internal enum StepKind
    {
        List,
        Watch,
    }

    internal sealed record SourceCall(StepKind Kind, string? ResourceVersion, DateTimeOffset At);

    private sealed record Step(StepKind Kind, IReadOnlyList<V1ConfigMap> Items, string ResourceVersion,
        IReadOnlyList<ResourceWatchEvent<V1ConfigMap>>? Events, Exception? Failure);
}
