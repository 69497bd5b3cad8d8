using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace ApiSentinel.Bench.KubernetesSink.Cluster;

/// <summary>
/// The real <c>apisentinel-collector</c> (<c>dotnet DLL</c>), on loopback ports, one state directory across runs so a
/// restart restores the same catalog; its output goes to a log file next to the state (the bench prints its tail on a
/// failure). Stopped with SIGTERM (graceful: the checkpoint is written), killed only if it does not exit.
/// </summary>
internal sealed class CollectorProcess : IDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyList<string> _arguments;
    private readonly string _log;
    private readonly Lock _logLock = new();
    private Process? _process;

    public CollectorProcess(string dll, string workDirectory, IEnumerable<string> kubernetesArguments)
    {
        _dll = dll;
        string state = Directory.CreateDirectory(Path.Combine(workDirectory, "collector-state")).FullName;
        string tokenFile = Path.Combine(workDirectory, "token");
        Token = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        File.WriteAllText(tokenFile, Token + "\n");
        int grpc = FreePort(), http = FreePort();
        GrpcUrl = $"http://127.0.0.1:{grpc}";
        HttpBase = $"http://127.0.0.1:{http}";
        _log = Path.Combine(workDirectory, "collector.log");
        _arguments =
        [
            "--grpc-listen", $"127.0.0.1:{grpc}", "--http-listen", $"127.0.0.1:{http}",
            "--token-file", tokenFile, "--state-dir", state, .. kubernetesArguments,
        ];
    }

    public string Token { get; }

    public string GrpcUrl { get; }

    public string HttpBase { get; }

    public async Task StartAsync(HttpClient http)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_dll);
        foreach (string argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the collector");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the collector exited with {_process.ExitCode} at start:\n{LogTail()}");
            }
            try
            {
                using var ready = await http.GetAsync(new Uri(HttpBase + "/readyz"));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the collector was not ready within 120 s:\n" + LogTail());
    }

    public void Stop()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }
        if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
    }

    public string LogTail(int lines = 30)
    {
        lock (_logLock)
        {
            return File.Exists(_log) ? string.Join('\n', File.ReadLines(_log).TakeLast(lines)) : "(no log)";
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_logLock)
        {
            File.AppendAllText(_log, line + "\n");
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
