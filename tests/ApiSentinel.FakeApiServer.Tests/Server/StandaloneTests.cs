using System.Diagnostics;

namespace ApiSentinel.FakeApiServer.Tests.Server;

/// <summary>The stand-alone mode a person uses: the built server prints its address and kubeconfig, and real kubectl answers.</summary>
public sealed class StandaloneTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fakekube-standalone-");

    [Fact]
    public async Task The_server_runs_on_its_own_and_kubectl_get_ns_answers()
    {
        var kubeconfig = Path.Combine(_dir.FullName, "fake.kubeconfig");
        var assembly = typeof(FakeKubeApiServer).Assembly.Location;
        using var server = Process.Start(new ProcessStartInfo("dotnet", [assembly, "--port", "0", "--kubeconfig", kubeconfig])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var address = await server.StandardOutput.ReadLineAsync(guard.Token);
            var printedConfig = await server.StandardOutput.ReadLineAsync(guard.Token);

            var (exit, output, error) = await RunAsync("/usr/bin/kubectl", ["--kubeconfig", kubeconfig, "get", "ns"], guard.Token);

            Assert.Contains("listening on http://127.0.0.1:", address, StringComparison.Ordinal);
            Assert.Equal($"kubeconfig: {kubeconfig}", printedConfig);
            Assert.True(exit == 0, error);
            Assert.Contains("kube-system", output, StringComparison.Ordinal);
            Assert.Contains("default", output, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string file, string[] args, CancellationToken ct)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output, await error);
    }
}
