using ApiSentinel.Bench.Accuracy.Generation;
using ApiSentinel.Bench.Accuracy.Scoring;

namespace ApiSentinel.Cli.Tests.Bench;

/// <summary>
/// Shadow precision is per flagged endpoint, shadow recall per shadow operation: one shadow operation split into
/// many endpoints is caught once, and must not raise recall. Whose an endpoint is follows the generated calls it
/// received (falling back to the template where an operation's calls are not recorded).
/// </summary>
public sealed class ShadowScoringTests
{
    private const string Host = "shop.bench.test";

    [Fact]
    public void Recall_counts_shadow_operations_so_over_splitting_does_not_raise_it()
    {
        var truth = new[]
        {
            Operation("GET", "/items/{id}", shadow: true),
            Operation("GET", "/orders/{id}", shadow: true),
            Operation("GET", "/health", shadow: false),
        };
        // The first shadow operation split into three literal endpoints, all flagged; the second seen but not flagged.
        var catalog = new[]
        {
            Endpoint("/items/a", shadow: true),
            Endpoint("/items/b", shadow: true),
            Endpoint("/items/c", shadow: true),
            Endpoint("/orders/{id}", shadow: false),
            Endpoint("/health", shadow: false),
        };

        var score = Scorer.Score("HAR", "partial-spec", shadowScored: true, TimeSpan.Zero, catalog, truth, new Dictionary<string, string?>()).Over(_ => true);

        Assert.Equal(3, score.ShadowTruePositives);
        Assert.Equal(0, score.ShadowFalsePositives);
        Assert.Equal(1, score.ShadowOperationsFlagged);
        Assert.Equal(1, score.ShadowFalseNegatives);
        Assert.Equal(1.0, score.ShadowPrecision);
        Assert.Equal(0.5, score.ShadowRecall); // per endpoint it would read 3 / (3 + 1) = 0.75
    }

    [Fact]
    public void Precision_stays_per_endpoint()
    {
        var truth = new[] { Operation("GET", "/items/{id}", shadow: true), Operation("GET", "/health", shadow: false) };
        var catalog = new[] { Endpoint("/items/{id}", shadow: true), Endpoint("/health", shadow: true), Endpoint("/nowhere", shadow: true) };

        var score = Scorer.Score("HAR", "partial-spec", shadowScored: true, TimeSpan.Zero, catalog, truth, new Dictionary<string, string?>()).Over(_ => true);

        Assert.Equal(1, score.ShadowTruePositives);
        Assert.Equal(2, score.ShadowFalsePositives); // a published operation, and no operation at all
        Assert.Equal(1.0 / 3, score.ShadowPrecision, 9);
        Assert.Equal(1.0, score.ShadowRecall);
    }

    [Fact]
    public void Optional_asset_like_shadow_operations_count_on_neither_side()
    {
        var truth = new[]
        {
            Operation("GET", "/logo.png", shadow: true, assetLike: true),
            Operation("GET", "/app.js", shadow: true, assetLike: true),
            Operation("GET", "/items/{id}", shadow: true),
        };
        // The flagged asset is neither a true nor a false positive; the unflagged asset is no miss.
        var catalog = new[] { Endpoint("/logo.png", shadow: true), Endpoint("/app.js", shadow: false), Endpoint("/items/{id}", shadow: true) };

        var score = Scorer.Score("HAR", "partial-spec", shadowScored: true, TimeSpan.Zero, catalog, truth, new Dictionary<string, string?>()).Over(_ => true);

        Assert.Equal(1, score.ShadowTruePositives);
        Assert.Equal(0, score.ShadowFalsePositives);
        Assert.Equal(1, score.ShadowOperationsFlagged);
        Assert.Equal(0, score.ShadowFalseNegatives);
    }

    [Fact]
    public void A_published_asset_flagged_shadow_is_a_false_positive()
    {
        var truth = new[] { Operation("GET", "/logo.png", shadow: false, assetLike: true) };
        var catalog = new[] { Endpoint("/logo.png", shadow: true) };

        var score = Scorer.Score("HAR", "partial-spec", shadowScored: true, TimeSpan.Zero, catalog, truth, new Dictionary<string, string?>()).Over(_ => true);

        Assert.Equal(0, score.ShadowTruePositives);
        Assert.Equal(1, score.ShadowFalsePositives);
    }

    [Fact]
    public void An_inferred_endpoint_holding_only_removed_operations_calls_is_a_true_shadow_and_catches_each()
    {
        // Two removed actions absorbed by one over-general inferred template; the published literal sibling is
        // matched by its spec template. By template alone the inferred endpoint would be judged as the published one.
        var truth = new[]
        {
            Operation("POST", "/servers/{id}/actions/poweroff", shadow: true, calls: ["/servers/1/actions/poweroff", "/servers/2/actions/poweroff"]),
            Operation("POST", "/servers/{id}/actions/reset", shadow: true, calls: ["/servers/3/actions/reset", "/servers/4/actions/reset"]),
            Operation("POST", "/servers/{id}/actions/attach", shadow: false, calls: ["/servers/5/actions/attach", "/servers/6/actions/attach"]),
        };
        var catalog = new[] { Endpoint("/servers/{id}/actions/{action}", shadow: true, "POST"), Endpoint("/servers/{id}/actions/attach", shadow: false, "POST") };

        var byCalls = Scorer.Score("HAR", "partial-spec", shadowScored: true, TimeSpan.Zero, catalog, truth, new Dictionary<string, string?>()).Over(_ => true);
        var byTemplate = Scorer.Score("HAR", "partial-spec", shadowScored: true, TimeSpan.Zero, catalog, truth.Select(t => t with { CallPaths = null }).ToList(), new Dictionary<string, string?>()).Over(_ => true);

        Assert.Equal((1, 0, 2, 0), (byCalls.ShadowTruePositives, byCalls.ShadowFalsePositives, byCalls.ShadowOperationsFlagged, byCalls.ShadowFalseNegatives));
        Assert.Equal(1, byTemplate.ShadowTruePositives + byTemplate.ShadowFalsePositives);
        Assert.True(byTemplate.ShadowOperationsFlagged < 2);
    }

    [Fact]
    public void A_flagged_endpoint_holding_mostly_published_calls_is_a_false_shadow()
    {
        var truth = new[]
        {
            Operation("GET", "/items/{id}/export", shadow: true, calls: ["/items/1/export"]),
            Operation("GET", "/items/{id}/status", shadow: false, calls: ["/items/2/status", "/items/3/status", "/items/4/status"]),
        };
        var catalog = new[] { Endpoint("/items/{id}/{what}", shadow: true) };

        var score = Scorer.Score("HAR", "partial-spec", shadowScored: true, TimeSpan.Zero, catalog, truth, new Dictionary<string, string?>()).Over(_ => true);

        Assert.Equal(0, score.ShadowTruePositives);
        Assert.Equal(1, score.ShadowFalsePositives);
        // Its calls were flagged, but on an endpoint that is a published operation's: a false alert, not a catch.
        Assert.Equal(0, score.ShadowOperationsFlagged);
    }

    [Fact]
    public void A_shadow_operation_most_of_whose_calls_landed_on_a_published_template_is_missed()
    {
        var truth = new[]
        {
            Operation("GET", "/users/me", shadow: true, calls: ["/users/me", "/users/me", "/users/me"]),
            Operation("GET", "/users/{id}", shadow: false, calls: ["/users/7", "/users/8"]),
        };
        var catalog = new[] { Endpoint("/users/{id}", shadow: false) };

        var score = Scorer.Score("HAR", "partial-spec", shadowScored: true, TimeSpan.Zero, catalog, truth, new Dictionary<string, string?>()).Over(_ => true);

        Assert.Equal(0, score.ShadowOperationsFlagged);
        Assert.Equal(1, score.ShadowFalseNegatives);
        Assert.Equal(0, score.ShadowFalsePositives);
    }

    [Fact]
    public void A_flagged_endpoint_no_routed_call_reaches_is_a_false_alert_even_beside_its_operation()
    {
        // The engine filed one /verification call under {accountId} before the literal existed; routing sends every
        // call to the literals. The leftover is a second alert for a shadow operation already caught: it counts as a
        // false shadow, not as a catch credited by template (review finding).
        var truth = new[]
        {
            Operation("PUT", "/account/recovery", shadow: false, calls: ["/account/recovery", "/account/recovery"]),
            Operation("PUT", "/account/verification", shadow: true, calls: ["/account/verification", "/account/verification"]),
        };
        var catalog = new[]
        {
            Endpoint("/account/recovery", shadow: false, "PUT"),
            Endpoint("/account/verification", shadow: true, "PUT"),
            Endpoint("/account/{accountId}", shadow: true, "PUT"),
        };

        var score = Scorer.Score("HAR", "partial-spec", shadowScored: true, TimeSpan.Zero, catalog, truth, new Dictionary<string, string?>()).Over(_ => true);

        Assert.Equal((1, 1, 1, 0), (score.ShadowTruePositives, score.ShadowFalsePositives, score.ShadowOperationsFlagged, score.ShadowFalseNegatives));
    }

    [Fact]
    public void An_unreached_flagged_endpoint_whose_only_fitting_operation_is_published_stays_a_false_shadow()
    {
        var truth = new[] { Operation("PUT", "/account/recovery", shadow: false, calls: ["/account/recovery"]) };
        var catalog = new[] { Endpoint("/account/recovery", shadow: false, "PUT"), Endpoint("/account/{accountId}", shadow: true, "PUT") };

        var score = Scorer.Score("HAR", "partial-spec", shadowScored: true, TimeSpan.Zero, catalog, truth, new Dictionary<string, string?>()).Over(_ => true);

        Assert.Equal(1, score.ShadowFalsePositives);
    }

    [Fact]
    public void Calls_land_on_the_most_specific_catalog_template()
    {
        var literal = Endpoint("/users/me", shadow: false);
        var parameter = Endpoint("/users/{id}", shadow: false);
        var embedded = Endpoint("/files/{name}.json", shadow: false);
        var router = new CatalogRouter([parameter, literal, embedded, Endpoint("/files/{file}", shadow: false)]);

        Assert.Same(literal, router.Route("GET", "/users/me"));
        Assert.Same(parameter, router.Route("GET", "/users/42"));
        Assert.Same(embedded, router.Route("GET", "/files/a.json"));
        Assert.Null(router.Route("POST", "/users/me"));
        Assert.Null(router.Route("GET", "/users/42/keys"));
    }

    [Fact]
    public void A_percent_encoded_literal_in_the_catalog_takes_its_calls()
    {
        var encoded = Endpoint("/Oryza%20sativa/search/quiet-oyster", shadow: true);
        var router = new CatalogRouter([encoded, Endpoint("/{organism}/search/{query}", shadow: true)]);

        Assert.Same(encoded, router.Route("GET", "/Oryza%20sativa/search/quiet-oyster"));
    }

    [Fact]
    public void A_published_template_takes_its_calls_before_a_more_specific_inferred_one()
    {
        var published = Endpoint("/stats/{format}/players", shadow: false);
        var inferred = Endpoint("/stats/xml/{x}", shadow: true);
        var router = new CatalogRouter([inferred, published]);

        Assert.Same(published, router.Route("GET", "/stats/xml/players"));
        Assert.Same(inferred, router.Route("GET", "/stats/xml/teams"));
    }

    private static TruthOperation Operation(string method, string path, bool shadow, string[] calls) =>
        new("shop", method + " " + path, Host, method, path, shadow, calls.Length, new HashSet<string>(), OwnSpec: false, AssetLike: false, CallPaths: calls);

    private static TruthOperation Operation(string method, string path, bool shadow, bool assetLike = false) =>
        new("shop", method + " " + path, Host, method, path, shadow, Calls: 3, new HashSet<string>(), OwnSpec: false, assetLike);

    private static CatalogEndpoint Endpoint(string path, bool shadow, string method = "GET") =>
        new(Host, method, path, Requests: 3, shadow, Probed: false, []);
}
