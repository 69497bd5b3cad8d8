namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>
/// "Something changed, look again" for the uploader's single loop: any thread may <see cref="Set"/>; the loop
/// calls <see cref="Reset"/> before it inspects state and then awaits <see cref="WaitAsync"/>, so a change made
/// after the inspection is never missed.
/// </summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _source = NewSource();

    public void Set() => Volatile.Read(ref _source).TrySetResult();

    /// <summary>Only the one consumer calls this.</summary>
    public void Reset()
    {
        if (Volatile.Read(ref _source).Task.IsCompleted)
        {
            Volatile.Write(ref _source, NewSource());
        }
    }

    public Task WaitAsync() => Volatile.Read(ref _source).Task;

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
