using System.Diagnostics;

namespace ApiSentinel.Cli.Tests.Adversarial.Output;

/// <summary>
/// The real <c>kubectl</c>, run without a cluster: its own HOME and an empty kubeconfig, and a server address on
/// loopback where nothing listens (port 9, discard), so nothing it does can reach anything.
/// </summary>
internal static class Kubectl
{
    public static string? Path { get; } = new[] { "/usr/bin/kubectl", "/usr/local/bin/kubectl" }.FirstOrDefault(File.Exists);

    public static CliProcess.Result Run(string home, params string[] args)
    {
        var info = new ProcessStartInfo(Path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["HOME"] = home;
        info.Environment["KUBECONFIG"] = System.IO.Path.Combine(home, "kubeconfig-absent");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.ArgumentList.Add("--server=http://127.0.0.1:9");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("kubectl did not finish: " + string.Join(' ', args));
        }
        return new CliProcess.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
