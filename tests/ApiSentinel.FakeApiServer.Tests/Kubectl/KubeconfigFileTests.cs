using ApiSentinel.FakeApiServer.Kubeconfig;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

public sealed class KubeconfigFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("kubeconfig-");

    [Fact]
    public async Task Kubectl_reads_the_server_context_and_default_namespace()
    {
        var path = KubeconfigFile.Write(Path.Combine(_directory.FullName, "nested", "config"), new Uri("http://127.0.0.1:40123/ignored"), "sentinel", "apps");

        using var kubectl = new KubectlRunner(path);
        Assert.Equal("http://127.0.0.1:40123", (await kubectl.RunAsync("config", "view", "-o", "jsonpath={.clusters[0].cluster.server}")).Succeeded());
        Assert.Equal("sentinel", (await kubectl.RunAsync("config", "current-context")).Succeeded().Trim());
        Assert.Equal("apps", (await kubectl.RunAsync("config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace}")).Succeeded());
        Assert.NotEqual("", (await kubectl.RunAsync("config", "view", "--raw", "-o", "jsonpath={.users[0].user.token}")).Succeeded());
    }

    [Fact]
    public async Task Without_a_default_namespace_the_context_names_none()
    {
        var path = KubeconfigFile.Write(Path.Combine(_directory.FullName, "config"), new Uri("http://127.0.0.1:40124"));

        using var kubectl = new KubectlRunner(path);
        Assert.Equal("fake", (await kubectl.RunAsync("config", "current-context")).Succeeded().Trim());
        Assert.Equal("", (await kubectl.RunAsync("config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace}")).Succeeded());
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
