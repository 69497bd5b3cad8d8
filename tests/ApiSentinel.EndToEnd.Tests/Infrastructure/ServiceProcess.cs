using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One process under test (an executable, nginx, tcpdump, curl): started with both outputs collected as they come
/// (a full pipe can never block it), every line kept for assertions and for failure messages, waited for with a
/// bound, and killed with SIGKILL on dispose whatever the test did before — so a failing test leaves no process
/// behind.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _combined = new();

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The variables through which a child finds a cluster on its own; stripped from every child.</summary>
    public static IReadOnlyList<string> ClusterVariables { get; } = ["KUBECONFIG", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT"];

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    /// <summary>Both outputs interleaved in arrival order.</summary>
    public string Output => Read(_combined);

    /// <summary>Runs <c>dotnet DLL args…</c>: how the tests start the ApiSentinel executables.</summary>
    public static ServiceProcess StartDotnet(string name, string dll, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null) =>
        Start(name, "dotnet", new[] { dll }.Concat(arguments), environment);

    public static ServiceProcess Start(string name, string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // The executables read APISENTINEL_* variables; one set by whoever runs the suite must not leak in.
        foreach (string variable in start.Environment.Keys.Where(key => key.StartsWith("APISENTINEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(variable);
        }
        // Nor may the machine's cluster: a developer's KUBECONFIG or a CI pod's service account would have the collector
        // write to a real cluster. A test that wants one names it (--kubeconfig, or kubectl's own flag).
        foreach (string variable in ClusterVariables)
        {
            start.Environment.Remove(variable);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        return new ServiceProcess(name, process);
    }

    /// <summary>Waits for the process to end by itself; on time-out it is killed and this throws with its output.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException($"{Name} did not finish within {timeout.TotalSeconds:0} s\n{Describe()}");
        }
        _process.WaitForExit(); // drains the asynchronous output readers
        return _process.ExitCode;
    }

    /// <summary>True once the output shows <paramref name="text"/>; false if the process ended first or time ran out.</summary>
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
                _process.WaitForExit();
                return Output.Contains(text, StringComparison.Ordinal);
            }
            Thread.Sleep(50);
        }
        return false;
    }

    /// <summary>SIGKILL: no flush, no shutdown hook — what <c>kill -9</c> does. Waits until the process is gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // it ended on its own in between
        }
    }

    /// <summary>Sends a signal by name (<c>TERM</c>, <c>INT</c>) through kill(1); .NET itself can only SIGKILL a child.</summary>
    public void Signal(string signal)
    {
        if (_process.HasExited)
        {
            return;
        }
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Name, state and the last part of the output: what a failure message needs.</summary>
    public string Describe(int maxChars = 6000)
    {
        string state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
        string output = Output;
        if (output.Length > maxChars)
        {
            output = "…" + output[^maxChars..];
        }
        return $"--- {Name} (pid {_process.Id}, {state}) output:\n{output}--- end of {Name}";
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_combined)
        {
            target.AppendLine(line);
            _combined.AppendLine(line);
        }
    }

    private string Read(StringBuilder source)
    {
        lock (_combined)
        {
            return source.ToString();
        }
    }
}
