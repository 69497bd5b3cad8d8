using ApiSentinel.Collector.Kubernetes.Endpoints;
using ApiSentinel.Collector.Service.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ApiSentinel.Collector.Service.Tests.Kubernetes;

/// <summary>The harnesses keep collectors off any cluster the machine knows, unless a test names one.</summary>
public sealed class HermeticHarnessTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("apisentinel-hermetic-");

    [Fact]
    public async Task A_child_collector_ignores_a_KUBECONFIG_it_inherits()
    {
        // A kubeconfig that cannot be read: a collector that looked at KUBECONFIG would refuse to start.
        var kubeconfig = Path.Combine(_directory.FullName, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, "this: [is not a kubeconfig");
        await using var collector = CollectorProcess.Start(_directory.FullName,
            environment: new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });
        await collector.WaitReadyAsync();
    }

    [Fact]
    public async Task An_in_process_collector_runs_no_sink_without_a_cluster_named()
    {
        await using var collector = await TestCollector.StartAsync();
        Assert.Null(collector.Services.GetService<ApiEndpointSink>());
    }

    [Fact]
    public void The_cluster_variables_are_stripped_and_the_sink_switched_off_unless_asked_for()
    {
        var environment = new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = Path.Combine("home", "dev", ".kube", "config"),
            ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1",
            ["KUBERNETES_SERVICE_PORT"] = "443",
            ["PATH"] = "/usr/bin",
        };
        HermeticKubernetes.Strip(environment);
        Assert.Equal(["PATH"], environment.Keys);
        Assert.Equal(["--kubernetes=false", "--x"], HermeticKubernetes.Arguments(["--x"]));
        Assert.Equal(["--kubeconfig", "k"], HermeticKubernetes.Arguments(["--kubeconfig", "k"]));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
