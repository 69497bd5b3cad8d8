using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Kubernetes.Tests.Specs;

/// <summary>A real catalog and its owner, fed plain calls, standing in for the collector's restored catalog.</summary>
internal sealed class SpecTestCatalog : ICatalogSource, IAsyncDisposable
{
    public SpecTestCatalog()
    {
        Catalog = new ApiCatalog(new CatalogOptions());
        Owner = new CatalogOwner(Catalog);
        Ready = Task.FromResult(Owner);
    }

    public ApiCatalog Catalog { get; }

    public CatalogOwner Owner { get; }

    public Task<CatalogOwner> Ready { get; }

    /// <summary>Three accounts called three times each (so inference keeps them literal until a spec says otherwise), and one stats call.</summary>
    public async Task IngestShopAsync(string host = "shop.test")
    {
        var calls = new List<ApiCall>();
        foreach (var id in new[] { "alpha", "bravo", "charlie" })
        {
            for (var i = 0; i < 3; i++)
            {
                calls.Add(Call(host, $"/accounts/{id}"));
            }
        }
        calls.Add(Call(host, "/internal/stats"));
        await Owner.IngestAsync(calls);
    }

    /// <summary>Builds (after everything queued) and returns the spec state of each endpoint, by path template.</summary>
    public async Task<Dictionary<string, string>> BuildAsync(string host = "shop.test")
    {
        var snapshot = await Owner.BuildAsync();
        return snapshot.Endpoints.Where(e => e.Key.Host == host).ToDictionary(e => e.Key.PathTemplate, e => e.SpecState);
    }

    /// <summary>The ids of the specs set at run time; read after an owner operation completed, when the owner is idle.</summary>
    public IReadOnlyList<string> SpecIds => [.. Catalog.SpecIds];

    public ValueTask DisposeAsync() => Owner.DisposeAsync();

    private static ApiCall Call(string host, string path) => new()
    {
        TimestampMicros = 1_000_000,
        ClientAddress = "10.0.0.5",
        Server = "10.0.0.9:8080",
        Host = host,
        Method = "GET",
        Path = path,
        Status = 200,
    };
}
