using ApiSentinel.Collector.Kubernetes.Specs;
using ApiSentinel.Crds.ApiSpecs;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Tests.Specs;

public sealed class SpecHostsTests
{
    private static readonly V1Alpha1ApiSpec Shop = new()
    {
        Metadata = new V1ObjectMeta { Name = "shop", NamespaceProperty = "team-a" },
        Spec = new ApiSpecSpec
        {
            Hosts = ["API.Example.com ", "orders:8080", "api.example.com"],
            Services = [new ServiceReference { Name = "shop" }, new ServiceReference { Name = "pay", Namespace = "billing" }],
        },
    };

    [Fact]
    public void Hosts_are_the_configured_ones_then_every_dns_name_of_each_service()
    {
        Assert.Equal(
            [
                "api.example.com", "orders:8080",
                "shop", "shop.team-a", "shop.team-a.svc", "shop.team-a.svc.cluster.local",
                "pay", "pay.billing", "pay.billing.svc", "pay.billing.svc.cluster.local",
            ],
            SpecHosts.Of(Shop, "cluster.local"));
    }

    [Fact]
    public void The_cluster_domain_is_configurable()
    {
        var hosts = SpecHosts.Of(Shop, "corp.internal.");
        Assert.Contains("shop.team-a.svc.corp.internal", hosts);
        Assert.DoesNotContain("shop.team-a.svc.cluster.local", hosts);
    }

    [Fact]
    public void No_hosts_and_no_services_leave_the_document_its_own_servers()
    {
        var resource = new V1Alpha1ApiSpec
        {
            Metadata = new V1ObjectMeta { Name = "shop", NamespaceProperty = "default" },
            Spec = new ApiSpecSpec { Document = "openapi: 3.0.0" },
        };
        Assert.Empty(SpecHosts.Of(resource, "cluster.local"));
    }
}
