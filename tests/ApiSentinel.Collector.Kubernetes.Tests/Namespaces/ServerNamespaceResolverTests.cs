using ApiSentinel.Collector.Kubernetes.Namespaces;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Tests.Namespaces;

public class ServerNamespaceResolverTests
{
    private static V1Service Service(string ns, string name, params string[] ips) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec { ClusterIP = ips.FirstOrDefault(), ClusterIPs = ips },
    };

    private static V1EndpointSlice Slice(string ns, string name, string? service, params string[] ips) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = service is null ? null : new Dictionary<string, string> { ["kubernetes.io/service-name"] = service },
        },
        AddressType = "IPv4",
        Endpoints = [new V1Endpoint { Addresses = ips }],
    };

    [Fact]
    public void A_cluster_ip_and_a_pod_ip_resolve_to_their_services_namespace()
    {
        var resolver = new ServerNamespaceResolver();
        resolver.UpsertService(Service("shop", "orders", "10.96.0.20", "fd00::20"));
        resolver.UpsertSlice(Slice("shop", "orders-abc", "orders", "10.244.1.7"));
        Assert.Equal(new ServerLocation("shop", "orders"), resolver.Locate("10.96.0.20:80"));
        Assert.Equal(new ServerLocation("shop", "orders"), resolver.Locate("[fd00:0::20]:443"));
        Assert.Equal(new ServerLocation("shop", "orders"), resolver.Locate("10.244.1.7:8080"));
        Assert.Null(resolver.Locate("203.0.113.1:80"));
        Assert.Null(resolver.Locate("not-an-address"));
    }

    [Fact]
    public void The_first_resolving_server_in_order_decides_else_the_fallback()
    {
        var resolver = new ServerNamespaceResolver();
        resolver.UpsertService(Service("billing", "api", "10.96.0.30"));
        Assert.Equal("billing", resolver.NamespaceOf(["10.0.0.1:80", "10.96.0.30:80"], "apisentinel"));
        Assert.Equal("apisentinel", resolver.NamespaceOf(["10.0.0.1:80"], "apisentinel"));
    }

    [Fact]
    public void An_address_of_several_services_resolves_to_the_smallest_namespace_and_name_whatever_the_order()
    {
        var a = new ServerNamespaceResolver();
        a.UpsertSlice(Slice("zeta", "s1", "web", "10.244.0.9"));
        a.UpsertSlice(Slice("alpha", "s2", "web", "10.244.0.9"));
        var b = new ServerNamespaceResolver();
        b.UpsertSlice(Slice("alpha", "s2", "web", "10.244.0.9"));
        b.UpsertSlice(Slice("zeta", "s1", "web", "10.244.0.9"));
        Assert.Equal("alpha", a.Locate("10.244.0.9:80")!.Value.Namespace);
        Assert.Equal(a.Locate("10.244.0.9:80"), b.Locate("10.244.0.9:80"));
    }

    [Fact]
    public void Updates_and_deletions_replace_what_a_source_said()
    {
        var resolver = new ServerNamespaceResolver();
        resolver.UpsertSlice(Slice("shop", "orders-abc", "orders", "10.244.1.7", "10.244.1.8"));
        resolver.UpsertSlice(Slice("shop", "orders-def", "orders", "10.244.1.8"));
        resolver.UpsertSlice(Slice("shop", "orders-abc", "orders", "10.244.1.9"));
        Assert.Null(resolver.Locate("10.244.1.7:80"));
        Assert.NotNull(resolver.Locate("10.244.1.9:80"));
        // 10.244.1.8 is still in the other slice of the same service.
        Assert.NotNull(resolver.Locate("10.244.1.8:80"));
        resolver.DeleteSlice(Slice("shop", "orders-def", "orders"));
        Assert.Null(resolver.Locate("10.244.1.8:80"));
        resolver.DeleteSlice(Slice("shop", "orders-abc", "orders"));
        Assert.Equal(0, resolver.Addresses);
    }

    [Fact]
    public void A_slice_without_a_service_label_resolves_nothing()
    {
        var resolver = new ServerNamespaceResolver();
        resolver.UpsertSlice(Slice("shop", "orders-abc", "orders", "10.244.1.7"));
        resolver.UpsertSlice(Slice("shop", "orders-abc", null, "10.244.1.7"));
        Assert.Null(resolver.Locate("10.244.1.7:80"));
    }

    [Fact]
    public void A_headless_service_adds_no_address()
    {
        var resolver = new ServerNamespaceResolver();
        resolver.UpsertService(Service("shop", "db", "None"));
        Assert.Equal(0, resolver.Addresses);
    }

    [Fact]
    public async Task Synced_completes_once_both_lists_are_in()
    {
        var resolver = new ServerNamespaceResolver();
        resolver.ServicesSynced();
        Assert.False(resolver.Synced.IsCompleted);
        resolver.SlicesSynced();
        await resolver.Synced.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Reads_from_other_threads_see_consistent_answers_while_the_watch_writes()
    {
        var resolver = new ServerNamespaceResolver();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var location = resolver.Locate("10.244.3.3:80");
                Assert.True(location is null || location.Value.Namespace == "shop");
            }
        });
        for (var i = 0; i < 2_000; i++)
        {
            resolver.UpsertSlice(Slice("shop", "s" + (i % 7), "orders", "10.244.3.3", $"10.244.4.{i % 250}"));
            if (i % 3 == 0)
            {
                resolver.DeleteSlice(Slice("shop", "s" + (i % 7), "orders"));
            }
        }
        await stop.CancelAsync();
        await reader;
    }
}
