using System.Runtime.InteropServices;
using ApiSentinel.FakeApiServer;
using ApiSentinel.FakeApiServer.Hosting;
using ApiSentinel.FakeApiServer.Kubeconfig;

// Stand-alone mode: a person points the collector and kubectl at it (README, "Results in Kubernetes").
var commandLine = CommandLine.Parse(args, out var error);
if (commandLine is null)
{
    await Console.Error.WriteLineAsync($"{error}\n{CommandLine.Usage}");
    return 2;
}
FakeKubeApiServer server;
try
{
    server = await FakeKubeApiServer.StartAsync(new FakeKubeOptions { Port = commandLine.Port });
}
catch (IOException e)
{
    await Console.Error.WriteLineAsync($"cannot listen on 127.0.0.1:{commandLine.Port}: {e.Message}");
    return 1;
}
await using var lifetime = server;
if (commandLine.CrdsDirectory is { } crds)
{
    try
    {
        await server.RegisterCrdsFromDirectoryAsync(crds);
    }
    catch (Exception e) when (e is InvalidOperationException or IOException or YamlDotNet.Core.YamlException)
    {
        await Console.Error.WriteLineAsync($"cannot register the CRDs of {crds}: {e.Message}");
        return 1;
    }
}
var kubeconfig = commandLine.KubeconfigPath is { } path
    ? KubeconfigFile.Write(Path.GetFullPath(path), server.BaseAddress)
    : server.WriteKubeconfig(Directory.CreateTempSubdirectory("fake-kube-").FullName);
Console.WriteLine($"fake Kubernetes API server listening on {server.BaseAddress}");
Console.WriteLine($"kubeconfig: {kubeconfig}");
Console.WriteLine("press Ctrl-C to stop");
using var stop = new CancellationTokenSource();
// Ctrl-C and SIGTERM end the process (Kestrel's host would otherwise take SIGTERM for itself and stop only listening).
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl-C: stop serving.
}
return 0;
