using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Catalog;

/// <summary>Pages, scripts and images are listed apart from APIs, not ranked with them, and still scanned.</summary>
public sealed class StaticAssetTests
{
    private static ApiCall Call(string method, string path, string? contentType, string? resourceType = null,
        IReadOnlyList<SensitiveObservation>? sensitive = null, int status = 200, string auth = "none") => new()
    {
        TimestampMicros = 1_000_000, ClientAddress = "10.0.0.5", Server = "10.0.0.9:80", Host = "shop.example", Method = method, Path = path,
        Status = status, ResponseContentType = contentType, ResourceType = resourceType, Sensitive = sensitive ?? [], Auth = auth,
    };

    [Theory]
    [InlineData("text/html", true)]
    [InlineData("text/html; charset=utf-8", true)]
    [InlineData("TEXT/CSS", true)]
    [InlineData("application/javascript", true)]
    [InlineData("text/javascript", true)]
    [InlineData("application/x-javascript", true)]
    [InlineData("image/png", true)]
    [InlineData("image/svg+xml", true)]
    [InlineData("font/woff2", true)]
    [InlineData("application/font-woff", true)]
    [InlineData("application/wasm", true)]
    [InlineData("video/mp4", true)]
    [InlineData("application/json", false)]
    [InlineData("application/problem+json", false)]
    [InlineData("application/xml", false)]
    [InlineData("text/plain", false)]
    [InlineData("application/grpc", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Media_types_of_assets(string? contentType, bool asset) =>
        Assert.Equal(asset, StaticAssetRecognizer.IsAssetMediaType(contentType));

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/problem+json; charset=utf-8", true)]
    [InlineData("application/xml", true)]
    [InlineData("text/xml", true)]
    [InlineData("application/soap+xml", true)]
    [InlineData("application/x-protobuf", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/x-www-form-urlencoded", true)]
    [InlineData("multipart/form-data; boundary=x", true)]
    [InlineData("image/svg+xml", false)]
    [InlineData("application/xhtml+xml", false)]
    [InlineData("text/html", false)]
    [InlineData("text/plain", false)]
    [InlineData(null, false)]
    public void Media_types_of_apis(string? contentType, bool api) =>
        Assert.Equal(api, StaticAssetRecognizer.IsApiMediaType(contentType));

    [Theory]
    [InlineData("GET", "/app.js", "application/javascript", null, ResponseNature.Asset)]
    [InlineData("HEAD", "/logo.png", "image/png", null, ResponseNature.Asset)]
    [InlineData("GET", "/static/app.js.map", "application/json", null, ResponseNature.Asset)]
    [InlineData("GET", "/api/users", "application/json", "xhr", ResponseNature.DefiniteApi)]
    [InlineData("GET", "/api/notes", "text/plain", null, ResponseNature.Api)]
    [InlineData("GET", "/", null, "document", ResponseNature.Asset)]
    [InlineData("GET", "/api/x", "application/json", "script", ResponseNature.Asset)] // the browser's label wins
    [InlineData("GET", "/nothing", null, null, ResponseNature.Unknown)]
    [InlineData("POST", "/login", "text/html", "document", ResponseNature.DefiniteApi)] // an action, never an asset
    [InlineData("DELETE", "/app.js", "application/javascript", null, ResponseNature.DefiniteApi)]
    public void One_response(string method, string path, string? contentType, string? resourceType, ResponseNature nature) =>
        Assert.Equal(nature, StaticAssetRecognizer.Classify(method, path, 200, contentType, resourceType));

    [Theory]
    [InlineData(200, "text/html", ResponseNature.Asset)]
    [InlineData(204, "text/css", ResponseNature.Asset)]
    [InlineData(304, "application/javascript", ResponseNature.Asset)]
    [InlineData(304, null, ResponseNature.Unknown)]
    [InlineData(404, "text/html", ResponseNature.Unknown)] // Express "Cannot GET": says nothing of the resource
    [InlineData(500, "text/html", ResponseNature.Unknown)]
    [InlineData(301, "text/html", ResponseNature.Unknown)]
    [InlineData(403, "application/json", ResponseNature.Unknown)]
    [InlineData(null, "text/html", ResponseNature.Unknown)] // no response
    public void Only_a_success_or_a_revalidation_shows_what_the_resource_is(int? status, string? contentType, ResponseNature nature) =>
        Assert.Equal(nature, StaticAssetRecognizer.Classify("GET", "/x", status, contentType, null));

    /// <summary>
    /// A scanner probing bad ids gets the framework's HTML 404 page for every miss: however many misses, the
    /// JSON answers keep the endpoint an API, and its e-mail stays ranked. Generated for every miss/hit mix.
    /// </summary>
    [Theory]
    [InlineData(2, 2)]
    [InlineData(1, 50)]
    [InlineData(3, 997)]
    public void Html_error_pages_for_probed_ids_cannot_hide_an_api(int hits, int misses)
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        var email = new SensitiveObservation("email", "response.body.$.email", 1);
        var stride = (hits + misses) / hits;
        for (var i = 0; i < hits + misses; i++)
        {
            var hit = i % stride == 0 && i / stride < hits;
            catalog.Ingest(hit
                ? Call("GET", $"/api/users/{i + 1}", "application/json", sensitive: [email])
                : Call("GET", $"/api/users/{i + 1}", "text/html; charset=utf-8", status: 404));
        }
        var snapshot = catalog.Build();
        var endpoint = Assert.Single(snapshot.Endpoints);
        Assert.Equal("/api/users/{userId}", endpoint.Key.PathTemplate);
        Assert.Empty(snapshot.StaticAssets);
        Assert.Contains(endpoint.Sensitive.Keys, k => k.Type == "email");
    }

    [Fact]
    public void One_json_success_makes_an_api_whatever_the_asset_count()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        for (var i = 0; i < 20; i++)
        {
            catalog.Ingest(Call("GET", "/api/report", "text/html"));
        }
        catalog.Ingest(Call("GET", "/api/report", "application/json"));
        catalog.Ingest(Call("GET", "/page", "text/html"));
        catalog.Ingest(Call("POST", "/page", "text/html"));
        var snapshot = catalog.Build();
        Assert.Equal(["/api/report", "/page"], snapshot.Endpoints.Select(e => e.Key.PathTemplate).Order(StringComparer.Ordinal));
        Assert.Equal(["/page"], snapshot.StaticAssets.Select(a => a.Key.PathTemplate)); // the GET page; the POST is an action
    }

    [Fact]
    public void Successes_without_a_content_type_are_not_assets()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("GET", "/api/ping", null));
        catalog.Ingest(Call("GET", "/api/ping", null, status: 204));
        catalog.Ingest(Call("GET", "/api/ping", "text/html", status: 404));
        var snapshot = catalog.Build();
        Assert.Single(snapshot.Endpoints);
        Assert.Empty(snapshot.StaticAssets);
    }

    [Fact]
    public void Real_assets_stay_assets_beside_their_own_error_pages()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("GET", "/static/app.js", "application/javascript"));
        catalog.Ingest(Call("GET", "/static/app.js", "application/javascript", status: 304));
        catalog.Ingest(Call("GET", "/static/app.js", "application/json", status: 404));
        catalog.Ingest(Call("GET", "/static/app.js.map", "application/json"));
        catalog.Ingest(Call("GET", "/logo.svg", "image/svg+xml"));
        var snapshot = catalog.Build();
        Assert.Empty(snapshot.Endpoints);
        Assert.Equal(3, snapshot.StaticAssets.Count);
    }

    [Fact]
    public void Assets_are_listed_apart_and_apis_rank_above_them()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("GET", "/index.html", "text/html"));
        catalog.Ingest(Call("GET", "/app.js", "application/javascript"));
        catalog.Ingest(Call("GET", "/fonts/a.woff2", "font/woff2", "font"));
        catalog.Ingest(Call("DELETE", "/api/users/1", "application/json"));
        catalog.Ingest(Call("GET", "/api/orders", "application/json"));
        var snapshot = catalog.Build();
        Assert.Equal(["/api/users/{userId}", "/api/orders"], snapshot.Endpoints.Select(e => e.Key.PathTemplate));
        Assert.Equal(3, snapshot.StaticAssets.Count);
        Assert.All(snapshot.StaticAssets, a => Assert.True(a.IsStaticAsset));
        var delete = snapshot.Endpoints[0];
        Assert.True(delete.Risk!.Score > snapshot.StaticAssets.Max(a => a.Risk!.Score));
        Assert.All(snapshot.StaticAssets, a => Assert.Empty(a.AccessIssues));
    }

    [Fact]
    public void An_api_whose_error_pages_are_html_stays_an_api()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("GET", "/api/users", "application/json"));
        catalog.Ingest(Call("GET", "/api/users", "application/json"));
        catalog.Ingest(Call("GET", "/api/users", "text/html", status: 500));
        catalog.Ingest(Call("GET", "/api/users", null, status: 304));
        var snapshot = catalog.Build();
        Assert.Single(snapshot.Endpoints);
        Assert.Empty(snapshot.StaticAssets);
    }

    [Theory]
    [InlineData("aws-access-key", FindingSeverities.Critical)]
    [InlineData("private-key", FindingSeverities.Critical)]
    [InlineData("credit-card", FindingSeverities.High)]
    [InlineData("us-ssn", FindingSeverities.High)]
    [InlineData("jwt", FindingSeverities.Medium)]
    public void A_secret_in_an_asset_is_a_finding_of_its_own(string type, string severity)
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("GET", "/app.js", "application/javascript", sensitive: [new SensitiveObservation(type, "response.body", 1)]));
        catalog.Ingest(Call("GET", "/api/me", "application/json", sensitive: [new SensitiveObservation("email", "response.body.$.email", 1)]));
        var snapshot = catalog.Build();
        var finding = Assert.Single(snapshot.Findings);
        Assert.Equal(FindingKinds.SecretInStaticAsset, finding.Kind);
        Assert.Equal(severity, finding.Severity);
        Assert.Null(finding.Client);
        Assert.Contains(type, finding.Summary, StringComparison.Ordinal);
        var asset = Assert.Single(snapshot.StaticAssets);
        Assert.Equal([finding], asset.Findings);
        Assert.True(asset.Risk!.Factors.Single(f => f.Name == "sensitive-data").Points > 0);
        Assert.Equal(0, asset.Risk.Factors.Single(f => f.Name == "observed-attacks").Points); // content, not an attack
        Assert.Empty(snapshot.Endpoints.Single().Findings);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("phone-number")]
    public void Contact_data_on_a_page_raises_no_finding(string type)
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.Ingest(Call("GET", "/contact", "text/html", sensitive: [new SensitiveObservation(type, "response.body", 2)]));
        var snapshot = catalog.Build();
        Assert.Empty(snapshot.Findings);
        Assert.Single(snapshot.StaticAssets).Sensitive.Keys.Select(k => k.Type).Single().Equals(type);
    }
}
