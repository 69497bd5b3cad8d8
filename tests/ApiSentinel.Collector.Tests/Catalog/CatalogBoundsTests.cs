using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Catalog;

/// <summary>Hosts, methods per host and endpoints are client-chosen: each is bounded, and overflow is a counted bucket.</summary>
public sealed class CatalogBoundsTests
{
    private static ApiCall Call(string host, string method, string path, string client = "10.0.0.5") => new()
    {
        TimestampMicros = 1_000_000, ClientAddress = client, Server = "10.0.0.9:80", Host = host, Method = method, Path = path, Status = 200,
    };

    private static ApiCatalog Catalog(int hosts = 1_000, int methods = 32, int endpoints = 20_000) =>
        new(new CatalogOptions { MaxHosts = hosts, MaxMethodsPerHost = methods, MaxEndpoints = endpoints });

    [Fact]
    public void Within_the_bounds_nothing_overflows()
    {
        var catalog = Catalog(hosts: 3, methods: 2, endpoints: 10);
        foreach (var host in new[] { "a.example", "b.example", "c.example" })
        {
            catalog.Ingest(Call(host, "GET", "/x"));
            catalog.Ingest(Call(host, "POST", "/x"));
        }
        var snapshot = catalog.Build();
        Assert.Equal(6, snapshot.Endpoints.Count);
        Assert.DoesNotContain(snapshot.Endpoints, e => e.IsOverflow);
        Assert.Equal(0, snapshot.Counters.HostOverflowCalls + snapshot.Counters.MethodOverflowCalls + snapshot.Counters.EndpointOverflowCalls);
    }

    [Theory]
    [InlineData(1, 50)]
    [InlineData(10, 2_000)]
    [InlineData(100, 5_000)]
    public void Generated_distinct_hosts_past_the_bound_fold_into_the_other_host_and_are_counted(int bound, int hosts)
    {
        var catalog = Catalog(hosts: bound);
        var random = new Random(bound);
        for (var i = 0; i < hosts; i++)
        {
            catalog.Ingest(Call($"h{i}-{random.Next():x}.attacker.example", "GET", $"/p/{random.Next()}/q"));
        }
        var snapshot = catalog.Build();
        var real = snapshot.Endpoints.Where(e => e.Key.Host != CatalogOverflow.Name).Select(e => e.Key.Host).Distinct().Count();
        Assert.Equal(bound, real);
        var other = Assert.Single(snapshot.Endpoints, e => e.Key.Host == CatalogOverflow.Name);
        Assert.Equal((CatalogOverflow.Name, "GET", CatalogOverflow.Name), (other.Key.Host, other.Key.Method, other.Key.PathTemplate));
        Assert.Equal(hosts - bound, other.Requests);
        Assert.Equal(hosts - bound, snapshot.Counters.HostOverflowCalls);
        Assert.True(other.IsOverflow);
        Assert.Equal("no-spec", other.SpecState);
        Assert.Equal(hosts, snapshot.Endpoints.Sum(e => e.Requests)); // nothing dropped
    }

    [Fact]
    public void Hosts_admitted_first_keep_their_place_when_a_flood_arrives()
    {
        var catalog = Catalog(hosts: 2);
        catalog.Ingest(Call("api.shop.example", "GET", "/users"));
        for (var i = 0; i < 500; i++)
        {
            catalog.Ingest(Call($"x{i}.example", "GET", "/"));
        }
        catalog.Ingest(Call("api.shop.example", "GET", "/users"));
        var snapshot = catalog.Build();
        Assert.Equal(2, Assert.Single(snapshot.Endpoints, e => e.Key.Host == "api.shop.example").Requests);
        Assert.Equal(499, snapshot.Counters.HostOverflowCalls);
    }

    [Theory]
    [InlineData(4, 100)]
    [InlineData(32, 10_000)]
    public void Generated_distinct_methods_past_the_per_host_bound_become_method_other(int bound, int methods)
    {
        var catalog = Catalog(methods: bound);
        for (var i = 0; i < methods; i++)
        {
            catalog.Ingest(Call("api.example", $"M{i:x6}", "/items"));
        }
        catalog.Ingest(Call("api.example", "GET", "/items")); // a real method arriving late is overflow too: first come
        var snapshot = catalog.Build();
        Assert.Equal(bound, snapshot.Endpoints.Count(e => e.Key.Method != CatalogOverflow.Name));
        var other = Assert.Single(snapshot.Endpoints, e => e.Key.Method == CatalogOverflow.Name);
        Assert.Equal("/items", other.Key.PathTemplate); // the path is still templated
        Assert.Equal(methods - bound + 1, other.Requests);
        Assert.Equal(methods - bound + 1, snapshot.Counters.MethodOverflowCalls);
        // The risk model does not take an unknown method for a state-changing one.
        Assert.DoesNotContain("state-changing", other.Risk!.Factors[0].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Methods_are_bounded_per_host_not_across_hosts()
    {
        var catalog = Catalog(methods: 2);
        foreach (var host in new[] { "a.example", "b.example" })
        {
            catalog.Ingest(Call(host, "GET", "/"));
            catalog.Ingest(Call(host, "POST", "/"));
        }
        Assert.Equal(0, catalog.Build().Counters.MethodOverflowCalls);
    }

    [Theory]
    [InlineData(5, 20)]
    [InlineData(100, 3_000)]
    public void Endpoints_past_the_bound_go_to_the_catch_all(int bound, int paths)
    {
        var catalog = Catalog(endpoints: bound);
        for (var i = 0; i < paths; i++)
        {
            // Distinct first segments never become parameters, so each is its own endpoint.
            catalog.Ingest(Call("api.example", "GET", $"/resource{i}"));
        }
        var snapshot = catalog.Build();
        var catchAll = Assert.Single(snapshot.Endpoints, e => e.Key == CatalogOverflow.CatchAll);
        Assert.Equal(paths - bound, catchAll.Requests);
        Assert.Equal(paths - bound, snapshot.Counters.EndpointOverflowCalls);
        Assert.Equal(bound + 1, snapshot.Endpoints.Count);
        Assert.Empty(snapshot.ProbedPaths);
        // A second build leaves the buckets where they are.
        var again = catalog.Build();
        Assert.Equal(paths - bound, Assert.Single(again.Endpoints, e => e.Key == CatalogOverflow.CatchAll).Requests);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 0)]
    public void A_bound_below_one_is_refused(int hosts, int methods, int endpoints) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Catalog(hosts, methods, endpoints));
}
