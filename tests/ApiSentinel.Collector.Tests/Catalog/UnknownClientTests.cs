using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;
using ApiSentinel.Collector.Risk;

namespace ApiSentinel.Collector.Tests.Catalog;

/// <summary>A call without a client address (HAR) is unknown: not external, not internal, not a client, not a finding's subject.</summary>
public sealed class UnknownClientTests
{
    private static ApiCall Call(string? client, string path = "/v1/items", int status = 200, long seconds = 0) => new()
    {
        TimestampMicros = 1_700_000_000_000_000 + (seconds * 1_000_000), ClientAddress = client, Server = "203.0.113.10:443",
        Host = "api.example", Method = "GET", Path = path, Status = status,
    };

    [Fact]
    public void Unknown_clients_are_no_exposure_no_client_and_no_false_evidence()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        for (var i = 0; i < 5; i++)
        {
            catalog.Ingest(Call(null));
        }
        var snapshot = catalog.Build();
        var e = Assert.Single(snapshot.Endpoints);
        Assert.Equal((0L, 0L, 5L), (e.ExternalClientCalls, e.InternalClientCalls, e.UnknownClientCalls));
        Assert.Equal(ExposureStates.Unknown, e.Exposure);
        Assert.Equal(0, e.Clients.Count);
        var exposure = e.Risk!.Factors.Single(f => f.Name == RiskFactorNames.Exposure);
        Assert.Equal(0, exposure.Points);
        Assert.DoesNotContain("from external clients", string.Join(" ", e.Risk.Factors.Select(f => f.Evidence)), StringComparison.Ordinal);
        Assert.Equal(5, snapshot.Counters.CallsWithoutClient);
    }

    [Fact]
    public void Known_clients_beside_unknown_ones_keep_their_share()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("198.51.100.7"));
        catalog.Ingest(Call("10.1.2.3"));
        catalog.Ingest(Call(null));
        catalog.Ingest(Call(null));
        var e = Assert.Single(catalog.Build().Endpoints);
        Assert.Equal(ExposureStates.External, e.Exposure);
        Assert.Equal(2, e.Clients.Count);
        var exposure = e.Risk!.Factors.Single(f => f.Name == RiskFactorNames.Exposure);
        Assert.Equal(11.25, exposure.Points); // 0.5 + 0.5 × 1/2 of the known: unknown calls do not dilute nor add
        Assert.Contains("2 calls without a client address", exposure.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Scanning_without_a_client_address_is_not_attributed_to_one_client()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        for (var i = 0; i < 40; i++)
        {
            catalog.Ingest(Call(null, $"/probe{i}", 404, i));
        }
        var snapshot = catalog.Build();
        Assert.Empty(snapshot.Findings);
        // The same calls from one address are a scanner: the detector works, it just has no one to blame above.
        var known = new ApiCatalog(new CatalogOptions());
        for (var i = 0; i < 40; i++)
        {
            known.Ingest(Call("198.51.100.9", $"/probe{i}", 404, i));
        }
        Assert.NotEmpty(known.Build().Findings);
    }

    [Theory]
    [InlineData(null, ClientExposure.Unknown)]
    [InlineData("10.0.0.1", ClientExposure.Internal)]
    [InlineData("198.51.100.1", ClientExposure.External)]
    [InlineData("not an address", ClientExposure.External)]
    public void The_classifier_has_three_answers(string? address, ClientExposure expected) =>
        Assert.Equal(expected, new ExposureClassifier().Classify(address));
}
