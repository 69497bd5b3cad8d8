using ApiSentinel.Collector.Kubernetes;
using ApiSentinel.Collector.Kubernetes.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ApiSentinel.Collector.Kubernetes.Tests.Configuration;

public class KubernetesSinkOptionsTests
{
    private static KubernetesHost Host(Dictionary<string, string>? variables = null, Dictionary<string, string>? files = null) =>
        new(name => variables?.GetValueOrDefault(name), path => files?.GetValueOrDefault(path));

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new KubernetesSinkOptions();
        Assert.Null(options.Validate());
        Assert.Equal((TimeSpan.FromSeconds(10), 20d, 40), (options.FlushInterval, options.Qps, options.Burst));
        Assert.Equal("apisentinel-collector", options.FieldManager);
    }

    [Theory]
    [InlineData("FlushInterval", "--kube-flush-interval")]
    [InlineData("Qps", "--kube-qps")]
    [InlineData("Burst", "--kube-burst")]
    [InlineData("DeleteAfter", "--kube-delete-after")]
    [InlineData("Namespace", "--namespace")]
    [InlineData("Instance", "--kube-instance")]
    public void A_bad_value_is_one_line_naming_its_option(string property, string option)
    {
        var options = new KubernetesSinkOptions();
        switch (property)
        {
            case "FlushInterval": options.FlushInterval = TimeSpan.Zero; break;
            case "Qps": options.Qps = 0; break;
            case "Burst": options.Burst = 0; break;
            case "DeleteAfter": options.DeleteAfter = options.InactiveAfter; break;
            case "Instance": options.Instance = "two collectors!"; break;
            default: options.Namespace = "Not_A_Namespace"; break;
        }
        var error = options.Validate();
        Assert.NotNull(error);
        Assert.StartsWith(option, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void The_kubeconfig_option_wins_then_KUBECONFIG_then_in_cluster_else_no_cluster()
    {
        Assert.Equal("/etc/a", KubernetesConnection.Find("/etc/a", Host(new() { ["KUBECONFIG"] = "/etc/b" }))!.Kubeconfig);
        Assert.Equal("/etc/b", KubernetesConnection.Find(null, Host(new() { ["KUBECONFIG"] = "/etc/b:/etc/c" }))!.Kubeconfig);
        var pod = Host(
            new() { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" },
            new() { ["/var/run/secrets/kubernetes.io/serviceaccount/token"] = "t" });
        Assert.True(KubernetesConnection.Find(null, pod)!.InCluster);
        Assert.Null(KubernetesConnection.Find(null, Host()));
    }

    [Fact]
    public void The_fallback_namespace_is_configured_else_the_pods_own_else_default()
    {
        var mounted = Host(new() { ["POD_NAMESPACE"] = "from-env" },
            new() { ["/var/run/secrets/kubernetes.io/serviceaccount/namespace"] = "security\n" });
        Assert.Equal("chosen", KubernetesConnection.OwnNamespace("chosen", mounted));
        Assert.Equal("security", KubernetesConnection.OwnNamespace(null, mounted));
        Assert.Equal("from-env", KubernetesConnection.OwnNamespace(null, Host(new() { ["POD_NAMESPACE"] = "from-env" })));
        Assert.Equal("default", KubernetesConnection.OwnNamespace(null, Host()));
    }

    [Fact]
    public void A_missing_kubeconfig_is_one_clear_error_at_registration()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "kubeconfig");
        var error = Assert.Throws<KubernetesConnectionException>(() =>
            new ServiceCollection().AddKubernetesSink(new KubernetesSinkOptions { Kubeconfig = missing }, Host()));
        Assert.StartsWith("--kubeconfig " + missing + ": ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_unreadable_kubeconfig_is_one_clear_error_at_registration()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "this: [is not a kubeconfig");
            var error = Assert.Throws<KubernetesConnectionException>(() =>
                new ServiceCollection().AddKubernetesSink(new KubernetesSinkOptions { Kubeconfig = file }, Host()));
            Assert.StartsWith("--kubeconfig " + file + ": ", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void No_cluster_at_all_is_one_clear_error_when_the_sink_is_asked_for()
    {
        var error = Assert.Throws<KubernetesConnectionException>(() =>
            new ServiceCollection().AddKubernetesSink(new KubernetesSinkOptions(), Host()));
        Assert.StartsWith("no cluster", error.Message, StringComparison.Ordinal);
    }
}
