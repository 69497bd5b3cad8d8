using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Specs;

/// <summary>A documented operation that answers with an image or a page is an endpoint, not a static asset.</summary>
public sealed class SpecDeclaredAssetTests
{
    private static ApiCall Call(string path, string contentType) => new()
    {
        TimestampMicros = 1_000_000, ClientAddress = "10.0.0.5", Server = "10.0.0.9:80", Host = "ci.example.test", Method = "GET", Path = path,
        Status = 200, ResponseContentType = contentType, Sensitive = [], Auth = "none",
    };

    [Fact]
    public void Badge_declared_by_the_spec_stays_an_endpoint_and_an_undeclared_image_is_an_asset()
    {
        var specs = new SpecIndex();
        specs.Add(ApiSpec.Parse(
            """
            openapi: 3.0.3
            info: { title: badges, version: "1" }
            servers: [{ url: "http://ci.example.test/api" }]
            paths:
              /projects/status/{badgeId}:
                get:
                  operationId: badge
                  parameters: [{ name: badgeId, in: path, required: true, schema: { type: string } }]
                  responses: { "200": { description: svg, content: { image/svg+xml: {} } } }
            """, "badges.yaml"));
        var catalog = new ApiCatalog(new CatalogOptions(), specs);
        foreach (var id in (string[])["a1b2c3", "d4e5f6", "0a9b8c"])
        {
            catalog.Ingest(Call($"/api/projects/status/{id}", "image/svg+xml"));
        }
        catalog.Ingest(Call("/logo.png", "image/png"));

        var snapshot = catalog.Build();

        var endpoint = Assert.Single(snapshot.Endpoints);
        Assert.Equal("/api/projects/status/{badgeId}", endpoint.Key.PathTemplate);
        Assert.False(endpoint.IsShadow);
        Assert.Equal(["/logo.png"], snapshot.StaticAssets.Select(a => a.Key.PathTemplate));
    }
}
