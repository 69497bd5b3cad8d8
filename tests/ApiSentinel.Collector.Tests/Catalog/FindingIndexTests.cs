using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Catalog;

/// <summary>Findings reach exactly the endpoints they name, however many there are (the index replaced a scan per endpoint).</summary>
public sealed class FindingIndexTests
{
    private static ApiCall Call(string client, long seconds, string path, int status) => new()
    {
        TimestampMicros = 1_700_000_000_000_000 + (seconds * 1_000_000), ClientAddress = client, Server = "10.0.0.9:80",
        Host = "api.example", Method = "GET", Path = path, Status = status,
    };

    [Fact]
    public void Many_scanners_over_many_endpoints_each_reach_the_endpoints_they_probed()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        // 400 scanner clients, each probing 12 of 600 paths (a 404 each) and one real endpoint.
        const int Scanners = 400;
        var random = new Random(17);
        var probed = new Dictionary<string, HashSet<string>>();
        for (var s = 0; s < Scanners; s++)
        {
            var client = $"198.51.{s / 250}.{s % 250}";
            var paths = probed[client] = [];
            for (var i = 0; i < 12; i++)
            {
                var path = $"/probe{random.Next(600)}";
                paths.Add(path);
                catalog.Ingest(Call(client, s, path, 404));
            }
            catalog.Ingest(Call(client, s, "/health", 200));
        }
        var snapshot = catalog.Build();
        var scans = snapshot.Findings.Where(f => f.Kind == FindingKinds.Scanner).ToList();
        // Once the templater folds the probed words into one template, later clients look like one path each;
        // what matters here is that many findings over many endpoints all reach the right ones.
        Assert.True(scans.Count >= 50, $"{scans.Count} scanner findings");
        var health = Assert.Single(snapshot.Endpoints, e => e.Key.PathTemplate == "/health");
        Assert.Equal(scans.Count(f => f.Endpoints.Any(k => k.PathTemplate == "/health")), health.Findings.Count);
        foreach (var endpoint in snapshot.Endpoints.Concat(snapshot.ProbedPaths))
        {
            var expected = snapshot.Findings.Where(f => f.Endpoints.Contains(endpoint.Key)).ToList();
            Assert.Equal(expected, endpoint.Findings);
        }
    }

    [Fact]
    public void An_endpoint_no_finding_names_has_none()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("10.0.0.1", 0, "/quiet", 200));
        var e = Assert.Single(catalog.Build().Endpoints);
        Assert.Empty(e.Findings);
    }
}
