using System.Diagnostics;
using System.Text;

namespace ApiSentinel.Cli.Tests.Browser;

/// <summary>
/// A helper process of the browser test (server, capture, browser driver): its output collected as it comes (so
/// it can never block on a full pipe), waited for with a bound, and killed with its whole tree on dispose —
/// whatever the test did before.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _name;

    private ChildProcess(string name, Process process)
    {
        _name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Takes over a process started with both outputs redirected (e.g. by <c>ip netns exec</c>).</summary>
    public static ChildProcess Adopt(string name, Process process) => new(name, process);

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable] = value;
        }
        return new(name, Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}"));
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits until the output shows <paramref name="text"/>; false if the process ended first or time ran out.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
            if (_process.HasExited)
            {
                return false;
            }
            Thread.Sleep(50);
        }
        return false;
    }

    /// <summary>Waits for a normal end; on time-out the process is killed and this throws, naming it.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException($"{_name} did not finish within {timeout.TotalSeconds:0} s; its output:\n{Output}");
        }
        _process.WaitForExit(); // drains the asynchronous output readers
        return _process.ExitCode;
    }

    /// <summary>
    /// SIGINT, as Ctrl-C would: tcpdump then flushes and closes its capture file. (.NET can only SIGKILL a child,
    /// so the signal goes through kill(1).)
    /// </summary>
    public void Interrupt()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // it ended on its own in between
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
