using System.Diagnostics;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

/// <summary>
/// Runs the real kubectl (/usr/bin/kubectl, v1.32) against one kubeconfig, with a discovery cache and HOME of its own
/// (so no run sees another's cached discovery or the machine's ~/.kube), stdout and stderr captured, and a timeout
/// after which the process is killed and the test fails with what it printed.
/// </summary>
internal sealed class KubectlRunner : IDisposable
{
    private const string Executable = "kubectl";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _kubeconfig;
    private readonly string _home;

    public KubectlRunner(string kubeconfig)
    {
        _kubeconfig = kubeconfig;
        _home = Directory.CreateTempSubdirectory("kubectl-home-").FullName;
    }

    public async Task<KubectlResult> RunAsync(params string[] arguments) => await RunWithInputAsync(null, arguments);

    public async Task<KubectlResult> RunWithInputAsync(string? stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(_kubeconfig);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(Path.Combine(_home, "cache"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove("KUBECONFIG");
        start.Environment["HOME"] = _home;
        // Fixed width so that tables are not wrapped or cut by a terminal's size.
        start.Environment["COLUMNS"] = "250";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} ran over {Timeout}: {await stdout}{await stderr}");
        }
        return new KubectlResult(string.Join(' ', arguments), process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test over it is not.
        }
    }
}
