using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Catalog;
using ApiSentinel.Contract;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>A real catalog and owner, fed calls stamped with the fake clock's now; the sink's <see cref="ICatalogSource"/>.</summary>
internal sealed class TestCatalog : ICatalogSource, IAsyncDisposable
{
    public const string Host = "shop.example";
    public const string Server = "10.0.0.9:8080";

    private readonly FakeTimeProvider _time;

    public TestCatalog(FakeTimeProvider time)
    {
        _time = time;
        Owner = new CatalogOwner(new ApiCatalog(new CatalogOptions { TimeProvider = time }));
        Ready = Task.FromResult(Owner);
    }

    public CatalogOwner Owner { get; }

    public Task<CatalogOwner> Ready { get; }

    public ApiCall Call(string method, string path, int status = 200, string auth = "bearer", string server = Server, string host = Host) => new()
    {
        TimestampMicros = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000,
        ClientAddress = "10.0.0.5",
        Server = server,
        Host = host,
        Method = method,
        Path = path,
        Status = status,
        Auth = auth,
        AuthLocation = auth == "none" ? null : "header:authorization",
        ResponseContentType = "application/json",
        ResponseFields = [new FieldObservation("$.id", "integer")],
    };

    public async Task<CatalogSnapshot> IngestAsync(params ApiCall[] calls)
    {
        await Owner.IngestAsync(calls);
        return await Owner.BuildAsync();
    }

    public ValueTask DisposeAsync() => Owner.DisposeAsync();
}
