using ApiSentinel.Bench.Accuracy.Generation;
using ApiSentinel.Bench.Accuracy.Scoring;

namespace ApiSentinel.Cli.Tests.Bench;

/// <summary>
/// Shadow precision is per flagged endpoint, shadow recall per shadow operation: one shadow operation split into
/// many endpoints is caught once, and must not raise recall.
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

    private static TruthOperation Operation(string method, string path, bool shadow, bool assetLike = false) =>
        new("shop", method + " " + path, Host, method, path, shadow, Calls: 3, new HashSet<string>(), OwnSpec: false, assetLike);

    private static CatalogEndpoint Endpoint(string path, bool shadow) =>
        new(Host, "GET", path, Requests: 3, shadow, Probed: false, []);
}
