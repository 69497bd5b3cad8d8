using System.Text.Json.Nodes;
using ApiSentinel.Bench.Accuracy.Generation;
using ApiSentinel.Bench.Accuracy.Scoring;
using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Cli.Tests.Bench;

/// <summary>
/// The traffic-decidable truth: a path parameter whose calls all carried one value is a literal as far as traffic
/// can tell; the ceiling scores that truth against the spec truth, and no-spec misses are sorted into classes.
/// </summary>
public sealed class DecidableTruthTests
{
    private const string Host = "store.bench.test";

    [Fact]
    public void Only_parameters_with_one_distinct_value_become_literals()
    {
        var parameters = new[] { Parameter("account"), Parameter("name") };
        var values = new PathValues(parameters.Length);
        values.Add(parameters, ["default", "a1"]);
        values.Add(parameters, ["default", "b2"]);

        Assert.Equal("/accounts/default/tables/{name}", values.Decidable("/accounts/{account}/tables/{name}"));
    }

    [Fact]
    public void A_single_value_with_a_digit_stays_a_parameter_its_form_can_decide()
    {
        var parameters = new[] { Parameter("account"), Parameter("id") };
        var values = new PathValues(parameters.Length);
        values.Add(parameters, ["default", "4711"]);

        Assert.Equal("/accounts/default/items/{id}", values.Decidable("/accounts/{account}/items/{id}"));
    }

    [Fact]
    public void A_parameter_inside_a_segment_is_replaced_in_place()
    {
        var parameters = new[] { Parameter("sha"), Parameter("kind") };
        var values = new PathValues(parameters.Length);
        values.Add(parameters, ["0a1b", "diff"]);
        values.Add(parameters, ["9f8e", "diff"]);

        Assert.Equal("/commits/{sha}.diff", values.Decidable("/commits/{sha}.{kind}"));
    }

    [Fact]
    public void The_ceiling_misses_exactly_the_single_valued_operations()
    {
        var truth = new[]
        {
            Operation("/tableservices/{service}", decidable: "/tableservices/default"),
            Operation("/tables/{name}"),
            Operation("/health"),
        };

        var figures = DecidableTruth.Score(NoSpec([]), [], truth);
        var ceiling = figures.Ceiling.Over(_ => true);

        Assert.Equal(2, ceiling.TruePositives);
        Assert.Equal(3, ceiling.Expected);
        Assert.Equal(3, ceiling.Predicted);
        Assert.Equal(2.0 / 3, ceiling.MicroF1, 9);
        Assert.Equal(1, figures.SingleValuedOperations);
    }

    [Fact]
    public void Without_single_valued_parameters_the_ceiling_is_one()
    {
        var truth = new[] { Operation("/tables/{name}"), Operation("/health") };

        var ceiling = DecidableTruth.Score(NoSpec([]), [], truth).Ceiling.Over(_ => true);

        Assert.Equal(1.0, ceiling.MicroF1);
    }

    [Fact]
    public void The_engine_reporting_the_single_value_as_a_literal_is_right_against_the_decidable_truth_only()
    {
        var truth = new[] { Operation("/tableservices/{service}", decidable: "/tableservices/default"), Operation("/tables/{name}") };
        var catalog = new[] { Endpoint("/tableservices/default"), Endpoint("/tables/{name}") };

        var figures = DecidableTruth.Score(NoSpec(catalog, truth), catalog, truth);

        Assert.Equal(1.0, figures.EngineVsDecidable.Over(_ => true).MicroF1);
        Assert.Equal(0.5, Score(catalog, truth).MicroF1);
        Assert.Equal(1, figures.Classes.FalseNegatives(MissClass.SingleValuedParameter));
        Assert.Equal(1, figures.Classes.FalsePositives(MissClass.SingleValuedParameter));
    }

    [Fact]
    public void Operations_that_collapse_onto_one_decidable_template_are_kept_once()
    {
        var truth = new[] { Operation("/items/{id}", decidable: "/items/all"), Operation("/items/all") };

        var decidable = DecidableTruth.Of(truth);

        Assert.Single(decidable);
        Assert.Equal("/items/all", decidable[0].Path);
    }

    [Fact]
    public void A_literal_absorbed_by_a_parameter_is_literal_siblings_merged()
    {
        var truth = new[] { Operation("/x/hscer/certificate"), Operation("/x/sscer/certificate"), Operation("/users/{id}"), Operation("/users/me") };
        var catalog = new[] { Endpoint("/x/{p}/certificate"), Endpoint("/users/{id}") };

        var classes = MissClassifier.Classify(catalog, truth);

        Assert.Equal(3, classes.FalseNegatives(MissClass.LiteralSiblingsMerged)); // hscer, sscer and me
        Assert.Equal(1, classes.FalsePositives(MissClass.LiteralSiblingsMerged)); // /x/{}/certificate; /users/{id} is right
        Assert.Equal(0, classes.FalseNegatives(MissClass.OverSplitParameter));
        AssertAddsUp(classes, catalog, truth);
    }

    [Fact]
    public void A_parameter_kept_literal_is_over_split_but_a_right_literal_sibling_is_no_evidence_of_it()
    {
        var truth = new[] { Operation("/rawtx/{txid}"), Operation("/users/{id}"), Operation("/users/me") };
        var catalog = new[] { Endpoint("/rawtx/4f3a"), Endpoint("/rawtx/9c1d"), Endpoint("/users/me"), Endpoint("/users/{id}") };

        var classes = MissClassifier.Classify(catalog, truth);

        Assert.Equal(1, classes.FalseNegatives(MissClass.OverSplitParameter));
        Assert.Equal(2, classes.FalsePositives(MissClass.OverSplitParameter));
        AssertAddsUp(classes, catalog, truth);
    }

    [Fact]
    public void Embedded_placeholders_and_unexplained_misses_have_their_own_classes()
    {
        var truth = new[] { Operation("/files/{name}.json"), Operation("/orders/{id}/lines"), Operation("/health") };
        var catalog = new[] { Endpoint("/files/{name}"), Endpoint("/orders/{id}/lines"), Endpoint("/nowhere/{x}") };

        var classes = MissClassifier.Classify(catalog, truth);

        Assert.Equal(1, classes.FalseNegatives(MissClass.EmbeddedPlaceholder));
        Assert.Equal(1, classes.FalsePositives(MissClass.EmbeddedPlaceholder));
        Assert.Equal(1, classes.FalseNegatives(MissClass.Other)); // /health: no endpoint got its calls
        Assert.Equal(1, classes.FalsePositives(MissClass.Other)); // /nowhere/{x}: no such operation
        AssertAddsUp(classes, catalog, truth);
    }

    [Theory]
    [InlineData("/files/{name}.json", true)]
    [InlineData("/commits/{sha}.{kind}", true)]
    [InlineData("/v{major}/items", true)]
    [InlineData("/items/{id}", false)]
    [InlineData("/items/all", false)]
    public void Embedded_placeholder_detection(string template, bool embedded) =>
        Assert.Equal(embedded, MissClassifier.HasEmbeddedPlaceholder(template));

    // Every miss is classified once: the class counts add up to the scorer's false negatives and positives.
    private static void AssertAddsUp(MissCounts classes, CatalogEndpoint[] catalog, TruthOperation[] truth)
    {
        var score = Score(catalog, truth);
        Assert.Equal(score.Expected - score.TruePositives, classes.TotalFalseNegatives);
        Assert.Equal(score.Predicted - score.TruePositives, classes.TotalFalsePositives);
    }

    private static Aggregate Score(IReadOnlyList<CatalogEndpoint> catalog, IReadOnlyList<TruthOperation> truth) =>
        NoSpec(catalog, truth).Over(_ => true);

    private static AccuracyScore NoSpec(IReadOnlyList<CatalogEndpoint> catalog, IReadOnlyList<TruthOperation>? truth = null) =>
        Scorer.Score("HAR", "no-spec", shadowScored: false, TimeSpan.Zero, catalog, truth ?? [], new Dictionary<string, string?>());

    private static SpecParameter Parameter(string name) => new(name, Required: true, new JsonObject());

    private static TruthOperation Operation(string path, string? decidable = null) =>
        new("store", "GET " + path, Host, "GET", path, Shadow: false, Calls: 3, new HashSet<string>(), OwnSpec: false, AssetLike: false, decidable);

    private static CatalogEndpoint Endpoint(string path) =>
        new(Host, "GET", path, Requests: 3, Shadow: false, Probed: false, []);
}
