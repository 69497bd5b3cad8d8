using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Cli.Output;

/// <summary>
/// A one-line progress display on stderr (percent of the current file, records so far), refreshed four times a
/// second from a timer. Only when stderr is a terminal: redirected stderr gets the summary alone.
/// The counters are read without locks; a slightly stale figure on screen is fine.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    private readonly Timer? _timer;
    private readonly PipelineStatistics _statistics;
    private volatile CaptureStatistics? _current;
    private volatile string _name = "";
    private readonly Lock _drawLock = new();
    private bool _drawn;
    private bool _disposed;

    public ProgressReporter(PipelineStatistics statistics, bool enabled)
    {
        _statistics = statistics;
        if (enabled)
        {
            _timer = new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(250));
        }
    }

    public static bool StderrIsTerminal => !Console.IsErrorRedirected;

    public void Track(string name, CaptureStatistics statistics)
    {
        _name = TerminalText.Cut(Path.GetFileName(name), 40); // a file name can hold escapes too
        _current = statistics;
    }

    private void Draw()
    {
        var current = _current;
        if (current is null)
        {
            return;
        }
        var percent = current.InputLength > 0 ? 100.0 * current.InputPosition / current.InputLength : 0;
        var line = $"\r{_name}: {percent,5:F1}%  {current.InputPosition / 1048576.0:F0} MiB  " +
                   $"{_statistics.Extraction.Exchanges:N0} exchanges   ";
        lock (_drawLock)
        {
            // Timer.Dispose does not wait for a callback already queued: one may arrive after the line was erased.
            if (_disposed)
            {
                return;
            }
            Console.Error.Write(line);
            _drawn = true;
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_drawLock)
        {
            _disposed = true;
            if (_drawn)
            {
                Console.Error.Write("\r" + new string(' ', 79) + "\r");
            }
        }
    }
}
