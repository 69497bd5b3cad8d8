using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Kubernetes.Tests.Resources;

/// <summary>Cuts that used to be silent: clients past the listed top, and finding evidence keys cut to one text.</summary>
public sealed class CountedCutTests
{
    [Fact]
    public void Clients_past_the_top_ten_are_counted_and_evicted_clients_projected()
    {
        var catalog = new ApiCatalog(new CatalogOptions { ClientsTrackedPerEndpoint = 20 });
        for (var i = 0; i < 50; i++)
        {
            catalog.Ingest(new ApiCall
            {
                TimestampMicros = 1_764_000_000_000_000 + i, ClientAddress = $"198.51.100.{i + 1}", Server = "192.0.2.10:80",
                Host = "api.example.com", Method = "GET", Path = "/items", Status = 200,
            });
        }
        var e = Assert.Single(catalog.Build().Endpoints);
        Assert.True(e.Clients.Evicted > 0);
        var usage = ApiEndpointProjection.Project(e, "default", DemoCatalog.Clients, ProjectionBounds.Default).Status!;
        Assert.Equal(10, usage.Usage!.TopClients!.Count);
        Assert.Equal(e.Clients.Count - 10, usage.Truncated!.Items);
        Assert.Contains(StatusLists.TopClients, usage.Truncated.Lists!);
        Assert.Equal(e.Clients.Evicted, usage.Usage.EvictedClients);
        Assert.Empty(ManifestSchema.ApiEndpointErrors(ApiEndpointProjection.Project(e, "default", DemoCatalog.Clients, ProjectionBounds.Default)));
    }

    [Fact]
    public void Evidence_keys_cut_to_the_same_text_keep_the_first_and_count_the_other()
    {
        var prefix = new string('k', 40);
        var finding = new Finding(FindingKinds.Scanner, FindingSeverities.High, "198.51.100.7", 1, 2, "scan",
            new Dictionary<string, string> { [prefix + "-a"] = "1", [prefix + "-b"] = "2", ["short"] = "3" },
            [new EndpointKey("api.example.com", "GET", "/")]);
        var truncation = new StatusTruncation(16);
        var projected = ApiEndpointProjection.Finding(finding, ProjectionBounds.Default with { MaxTextLength = 16 }, truncation);
        Assert.Equal(2, projected.Evidence!.Count);
        Assert.Equal("1", projected.Evidence[new string('k', 15) + "…"]);
        Assert.Equal("3", projected.Evidence["short"]);
        Assert.Equal(1, truncation.Items);
        Assert.Contains(StatusLists.FindingEvidence, truncation.Lists);
    }
}
