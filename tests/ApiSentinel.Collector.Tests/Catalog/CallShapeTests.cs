using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Catalog;

/// <summary>
/// gRPC carries any string as method and host and any int32 as status: what the catalog keeps must still be what an
/// ApiEndpoint resource accepts, so such values are filed under the overflow bucket or left out as codes — counted.
/// </summary>
public sealed class CallShapeTests
{
    private static ApiCall Call(string host, string method, int? status) => new()
    {
        TimestampMicros = 1_000_000, ClientAddress = "10.0.0.5", Server = "10.0.0.9:80", Host = host, Method = method, Path = "/items", Status = status,
    };

    [Theory]
    [InlineData("GET / HTTP/1.1")]
    [InlineData("GE\u00dc")]
    [InlineData("")]
    [InlineData("(other)")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXY")]
    public void A_method_that_is_no_token_is_filed_under_other_and_counted(string method)
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("api.example", "GET", 200));
        catalog.Ingest(Call("api.example", method, 200));
        var snapshot = catalog.Build();
        Assert.Equal([CatalogOverflow.Name, "GET"], snapshot.Endpoints.Select(e => e.Key.Method).Order(StringComparer.Ordinal));
        Assert.Equal(1, snapshot.Counters.InvalidMethodCalls);
        Assert.Equal(0, snapshot.Counters.MethodOverflowCalls);
    }

    [Fact]
    public void Token_methods_up_to_24_characters_are_kept_as_themselves()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        foreach (var method in new[] { "VERSION-CONTROL", "M-SEARCH", "ABCDEFGHIJKLMNOPQRSTUVWX", "x!#$%&'*+.^_`|~" })
        {
            catalog.Ingest(Call("api.example", method, 200));
        }
        var snapshot = catalog.Build();
        Assert.DoesNotContain(snapshot.Endpoints, e => e.Key.Method == CatalogOverflow.Name);
        Assert.Equal(0, snapshot.Counters.InvalidMethodCalls);
    }

    [Fact]
    public void A_call_without_a_host_is_filed_under_the_other_host_and_counted()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("", "GET", 200));
        catalog.Ingest(Call("", "GET", 200));
        var snapshot = catalog.Build();
        var e = Assert.Single(snapshot.Endpoints);
        Assert.Equal(CatalogOverflow.Name, e.Key.Host);
        Assert.Equal(2, e.Requests);
        Assert.Equal(2, snapshot.Counters.InvalidHostCalls);
        Assert.Equal(0, snapshot.Counters.HostOverflowCalls);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    [InlineData(1000)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void A_status_outside_100_to_999_is_counted_and_not_kept_as_a_code(int status)
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("api.example", "GET", 200));
        catalog.Ingest(Call("api.example", "GET", status));
        var snapshot = catalog.Build();
        var e = Assert.Single(snapshot.Endpoints);
        Assert.Equal(2, e.Requests);
        Assert.Equal([200], e.StatusCodes.Keys);
        Assert.Equal(0, e.NoResponse);
        Assert.Equal(1, snapshot.Counters.InvalidStatusCalls);
    }

    [Fact]
    public void Status_codes_100_and_999_are_kept()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("api.example", "GET", 100));
        catalog.Ingest(Call("api.example", "GET", 999));
        var snapshot = catalog.Build();
        Assert.Equal([100, 999], Assert.Single(snapshot.Endpoints).StatusCodes.Keys);
        Assert.Equal(0, snapshot.Counters.InvalidStatusCalls);
    }
}
