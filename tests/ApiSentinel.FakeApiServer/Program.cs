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
await using var server = await FakeKubeApiServer.StartAsync(new FakeKubeOptions { Port = commandLine.Port });
if (commandLine.CrdsDirectory is { } crds)
{
    await server.RegisterCrdsFromDirectoryAsync(crds);
}
var kubeconfig = commandLine.KubeconfigPath is { } path
    ? KubeconfigFile.Write(Path.GetFullPath(path), server.BaseAddress)
    : server.WriteKubeconfig(Directory.CreateTempSubdirectory("fake-kube-").FullName);
Console.WriteLine($"fake Kubernetes API server listening on {server.BaseAddress}");
Console.WriteLine($"kubeconfig: {kubeconfig}");
Console.WriteLine("press Ctrl-C to stop");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl-C: stop serving.
}
return 0;
