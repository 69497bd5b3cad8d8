using ApiSentinel.Sensor.Daemon.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

/// <summary>
/// The daemon's whole process path (<see cref="Program.RunAsync"/>: options, start, run, exit code) on a task of
/// the test process, with its log lines and stderr captured and the running <see cref="SensorDaemon"/> reachable.
/// </summary>
internal sealed class InProcessDaemon : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<SensorDaemon> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private InProcessDaemon(IReadOnlyList<string> args, DaemonEnvironment? environment)
    {
        var env = environment ?? new DaemonEnvironment();
        env = new DaemonEnvironment
        {
            Time = env.Time,
            Random = env.Random,
            Variables = env.Variables,
            HostName = env.HostName,
            ConfigureLogging = logging =>
            {
                logging.ClearProviders();
                logging.AddProvider(Logs);
            },
        };
        Exit = Task.Run(async () =>
        {
            try
            {
                return await Program.RunAsync(args, env, Error, _stop.Token, d => _started.TrySetResult(d));
            }
            finally
            {
                _started.TrySetCanceled();
            }
        });
    }

    public CapturedLogs Logs { get; } = new();

    public StringWriter Error { get; } = new();

    /// <summary>The exit code <see cref="Program.RunAsync"/> returned.</summary>
    public Task<int> Exit { get; }

    public static InProcessDaemon Start(IReadOnlyList<string> args, DaemonEnvironment? environment = null) => new(args, environment);

    /// <summary>The running daemon, once it has started (fails if it exited first).</summary>
    public Task<SensorDaemon> Started => _started.Task.WaitAsync(Bound);

    /// <summary>Waits for the exit code within the bound.</summary>
    public Task<int> ExitWithin(TimeSpan? bound = null) => Exit.WaitAsync(bound ?? Bound);

    /// <summary>As SIGTERM does: a graceful stop.</summary>
    public void Stop() => _stop.Cancel();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await Exit.WaitAsync(Bound);
        }
        catch (TimeoutException e)
        {
            // A daemon that ignores its stop is a defect the test must report, not hide.
            throw new TimeoutException($"the daemon did not exit within {Bound.TotalSeconds:0} s of its stop", e);
        }
        finally
        {
            _stop.Dispose();
        }
    }
}
