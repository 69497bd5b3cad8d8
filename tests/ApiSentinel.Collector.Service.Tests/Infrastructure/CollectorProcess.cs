using System.Diagnostics;
using System.Text;

namespace ApiSentinel.Collector.Service.Tests.Infrastructure;

/// <summary>
/// The real <c>apisentinel-collector</c> as a child process (<c>dotnet apisentinel-collector.dll</c>, copied next to the
/// tests by the project reference), its stdout and stderr collected. Killed with SIGKILL on dispose, whatever happened.
/// </summary>
internal sealed class CollectorProcess : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CollectorProcess(Process process, int grpcPort, int httpPort)
    {
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = Timeout };
    }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    public HttpClient Http { get; }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "apisentinel-collector.dll");

    /// <summary>Starts the collector with the standard options for <paramref name="directory"/> (token file and state in it) plus <paramref name="extraArgs"/>.</summary>
    public static CollectorProcess Start(string directory, IEnumerable<string>? extraArgs = null, IDictionary<string, string>? environment = null,
        int? grpcPort = null, int? httpPort = null)
    {
        var tokenFile = Path.Combine(directory, "token");
        if (!File.Exists(tokenFile))
        {
            File.WriteAllText(tokenFile, TestCollector.Token + "\n");
        }
        var grpc = grpcPort ?? FreePort.Next();
        var http = httpPort ?? FreePort.Next();
        string[] args =
        [
            "--grpc-listen", $"127.0.0.1:{grpc}", "--http-listen", $"127.0.0.1:{http}", "--token-file", tokenFile,
            "--state-dir", Path.Combine(directory, "state"), .. HermeticKubernetes.Arguments(extraArgs),
        ];
        return StartRaw(args, environment, grpc, http);
    }

    /// <summary>Starts the collector with exactly <paramref name="args"/>.</summary>
    public static CollectorProcess StartRaw(IEnumerable<string> args, IDictionary<string, string>? environment = null, int grpcPort = 0, int httpPort = 0)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        HermeticKubernetes.Strip(info.Environment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var process = new Process { StartInfo = info };
        var collector = new CollectorProcess(process, grpcPort, httpPort);
        process.OutputDataReceived += (_, e) => Append(collector._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(collector._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return collector;
    }

    public async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"the collector exited ({_process.ExitCode}): {Stderr}");
            }
            try
            {
                using var response = await Http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            Assert.True(DateTime.UtcNow < deadline, $"the collector never became ready: {Stderr}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the process to end by itself (at most <paramref name="timeout"/>, default 60 s); its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan? timeout = null)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout ?? Timeout);
        _process.WaitForExit(); // drains the redirected streams
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync().WaitAsync(Timeout);
    }

    /// <summary>SIGTERM: a graceful shutdown; waits for the exit (at most <paramref name="timeout"/>, default 60 s).</summary>
    public async Task<int> TerminateAsync(TimeSpan? timeout = null)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().WaitAsync(Timeout);
        }
        return await ExitCodeAsync(timeout);
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
    }
}
