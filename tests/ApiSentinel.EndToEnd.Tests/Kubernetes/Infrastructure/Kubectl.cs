namespace ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

/// <summary>
/// The real <c>kubectl</c> of the machine (<c>/usr/bin/kubectl</c>, v1.32) pointed at the fake API server through the
/// kubeconfig it wrote: what a user types, with its output as text for the assertions (and for the README draft).
/// No cache directory is shared between runs, so discovery is always asked of the server under test.
/// </summary>
internal sealed class Kubectl(string kubeconfig, string cacheDirectory)
{
    public const string Executable = "/usr/bin/kubectl";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
    }

    /// <summary>Runs <c>kubectl ARGS…</c>; the result whatever the exit code.</summary>
    public Result Run(params string[] arguments)
    {
        using var process = ServiceProcess.Start("kubectl " + string.Join(' ', arguments), Executable,
            ["--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory, .. arguments],
            new Dictionary<string, string> { ["KUBECTL_INTERACTIVE_DELETE"] = "false", ["NO_COLOR"] = "1" });
        int exitCode = process.WaitForExit(Timeout);
        return new Result(exitCode, process.Stdout, process.Stderr);
    }

    /// <summary>Runs <c>kubectl ARGS…</c> and returns stdout; throws with both outputs unless it exits 0.</summary>
    public string Ok(params string[] arguments)
    {
        var result = Run(arguments);
        return result.ExitCode == 0
            ? result.Stdout
            : throw new InvalidOperationException($"kubectl {string.Join(' ', arguments)} failed: {result}");
    }
}
