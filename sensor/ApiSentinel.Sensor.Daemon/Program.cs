using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Daemon.Configuration;
using ApiSentinel.Sensor.Daemon.Hosting;

namespace ApiSentinel.Sensor.Daemon;

/// <summary><c>apisentinel-sensor</c>: see docs/sensor-daemon.md for the options.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, DaemonEnvironment.Default, Console.Error, CancellationToken.None);

    /// <summary>The whole process: settings, start, run, exit code. Expected failures are one line on <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, DaemonEnvironment environment, TextWriter error,
        CancellationToken stop, Action<SensorDaemon>? started = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        SensorDaemon? daemon = null;
        try
        {
            var settings = DaemonSettingsReader.Read(DaemonConfiguration.Build(args), environment.HostName);
            daemon = SensorDaemon.Create(settings, environment);
            await daemon.StartAsync(stop).ConfigureAwait(false);
            started?.Invoke(daemon);
            var exit = await daemon.RunAsync(stop).ConfigureAwait(false);
            if (exit.Message is { } message)
            {
                await error.WriteLineAsync($"apisentinel-sensor: {message}").ConfigureAwait(false);
            }
            return exit.Code;
        }
        catch (Exception e) when (e is OptionsException or CaptureException)
        {
            await error.WriteLineAsync($"apisentinel-sensor: {e.Message}").ConfigureAwait(false);
            return ExitCodes.StartupError;
        }
        finally
        {
            if (daemon is not null)
            {
                await daemon.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
