using ApiSentinel.Collector.Templating;
using static ApiSentinel.Collector.Tests.Templating.TemplaterFixture;

namespace ApiSentinel.Collector.Tests.Templating;

/// <summary>
/// The rules that make a parameter of a few rare siblings (SiblingEvidence), each with a case where it must and a case
/// where a literal sibling next to it must stay literal.
/// </summary>
public class SiblingEvidenceTests
{
    private static readonly string[] Word = ["$.word", "$.senses[*].definition", "$.language"];
    private static readonly string[] Profile = ["$.id", "$.login", "$.email", "$.created_at"];
    private static readonly string[] Settings = ["$.theme", "$.notifications.email", "$.notifications.push", "$.locale"];

    [Fact]
    public void Short_codes_each_rare_are_a_parameter()
    {
        var templater = Observed("/dictionary/es", "/dictionary/pt", "/dictionary/gu", "/dictionary/es");

        var result = templater.Resolve(Host, "/dictionary/pt");
        Assert.Equal("/dictionary/{dictionaryId}", result.Template);
        Assert.StartsWith("short codes: 3 distinct 2-letter codes", Assert.Single(result.Parameters).Reason, StringComparison.Ordinal);
        Assert.Equal("/rates/{rateId}", Observed("/rates/EUR", "/rates/USD", "/rates/GBP").TemplateOf("/rates/JPY"));
    }

    [Fact]
    public void Short_words_of_different_operations_stay_literal()
    {
        // Three-letter siblings, but each a different operation by its response.
        var templater = ObservedCalls([
            Call("/tools/dns", ["$.records[*].type", "$.records[*].value"]),
            Call("/tools/geo", ["$.country", "$.city", "$.latitude", "$.longitude"]),
            Call("/tools/asn", ["$.asn", "$.organisation", "$.prefixes[*]"]),
        ]);

        Assert.Equal("/tools/dns", templater.TemplateOf("/tools/dns"));
        Assert.Equal("/tools/geo", templater.TemplateOf("/tools/geo"));
        // Two short words are not a code list.
        Assert.Equal("/users/me", Observed("/users/me", "/users/id").TemplateOf("/users/me"));
    }

    [Fact]
    public void Slugs_with_numbers_are_a_parameter_under_a_non_plural_parent()
    {
        var templater = Observed("/blog/blog-post-42", "/blog/release_notes_7", "/blog/blog-post-42");

        var result = templater.Resolve(Host, "/blog/blog-post-42");
        Assert.Equal("/blog/{blogId}", result.Template);
        Assert.StartsWith("slugs: 2 distinct words", Assert.Single(result.Parameters).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_words_next_to_slugs_stay_literal_when_frequent()
    {
        var paths = new List<string> { "/blog/blog-post-42", "/blog/release_notes_7", "/blog/health-v2", "/blog/oauth2" };
        paths.AddRange(Enumerable.Repeat("/blog/archive", 3));
        var templater = Observed([.. paths]);

        Assert.Equal("/blog/archive", templater.TemplateOf("/blog/archive"));
        Assert.Equal("/blog/health-v2", templater.TemplateOf("/blog/health-v2"));
        Assert.Equal("/blog/oauth2", templater.TemplateOf("/blog/oauth2"));
    }

    [Fact]
    public void Rare_words_whose_responses_agree_are_a_parameter()
    {
        var templater = ObservedCalls([
            Call("/articles/search/kubernetes", Word), Call("/articles/search/ebpf", Word),
            Call("/articles/search/ebpf", [.. Word, "$.etymology"]),
        ]);

        var result = templater.Resolve(Host, "/articles/search/kubernetes");
        Assert.Equal("/articles/search/{searchId}", result.Template);
        Assert.Equal("shape: 2 distinct words, each ≤ 2 calls; siblings share response shape", Assert.Single(result.Parameters).Reason);
        Assert.Equal(0.7, result.Confidence);
    }

    [Fact]
    public void Rare_words_whose_responses_differ_stay_literal()
    {
        var templater = ObservedCalls([
            Call("/users/me", Profile), Call("/users/settings", Settings), Call("/users/me", Profile),
        ]);

        Assert.Equal("/users/me", templater.TemplateOf("/users/me"));
        Assert.Equal("/users/settings", templater.TemplateOf("/users/settings"));
    }

    [Fact]
    public void Rare_words_with_different_required_query_parameters_stay_literal()
    {
        string[] pets = ["$[*].id", "$[*].name", "$[*].status"];
        var templater = ObservedCalls([
            Call("/pet/findByStatus", pets, ["status"]), Call("/pet/findByTags", pets, ["tags"]),
            Call("/pet/findByTags", pets, ["tags"]), Call("/pet/8812", ["$.id", "$.name", "$.status"]),
        ]);

        Assert.Equal("/pet/findByStatus", templater.TemplateOf("/pet/findByStatus"));
        Assert.Equal("/pet/findByTags", templater.TemplateOf("/pet/findByTags"));
        Assert.Equal("/pet/{petId}", templater.TemplateOf("/pet/8812"));
    }

    [Fact]
    public void A_different_method_is_no_evidence_either_way()
    {
        // A GET and a DELETE on two values of one resource: nothing to compare, so shape neither merges nor splits.
        var templater = ObservedCalls([
            Call("/journals/get/alpha", Profile), Call("/journals/get/bravo", method: "DELETE", status: 204),
        ]);

        Assert.Equal("/journals/get/alpha", templater.TemplateOf("/journals/get/alpha"));
    }

    [Fact]
    public void Rare_words_sharing_the_sub_tree_below_are_a_parameter()
    {
        var templater = Observed(
            "/journals/get/nature/issues", "/journals/get/science/issues", "/journals/get/cell/issues/4",
            "/journals/get/science");

        var result = templater.Resolve(Host, "/journals/get/cell/issues/4");
        Assert.Equal("/journals/get/{getId}/issues/{issueId}", result.Template);
        Assert.Contains("sub-tree: 3 distinct words", result.Parameters[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plural_sub_collections_sharing_a_child_stay_literal()
    {
        var templater = Observed("/admin/users/list", "/admin/groups/list", "/admin/roles/list");

        Assert.Equal("/admin/users/list", templater.TemplateOf("/admin/users/list"));
        Assert.Equal("/admin/groups/list", templater.TemplateOf("/admin/groups/list"));
    }

    [Fact]
    public void Nested_parameters_with_few_values_per_level_are_parameters()
    {
        // Languages are short codes, words are each followed by their own rare values, and the fields answer alike
        // (plural field names would read as sub-resources: see Plural_sub_collections_sharing_a_child_stay_literal).
        var templater = ObservedCalls([
            Call("/entries/es/hola/etymology", Word), Call("/entries/pt/casa/audio", Word),
            Call("/entries/gu/kem/etymology", Word), Call("/entries/es/perro/translation", Word),
            Call("/entries/pt/gato/audio", Word),
        ]);

        var result = templater.Resolve(Host, "/entries/es/hola/etymology");
        Assert.Equal("/entries/{entryId}/{entryId2}/{entryId3}", result.Template);
        Assert.StartsWith("short codes", result.Parameters[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("sub-tree", result.Parameters[1].Reason, StringComparison.Ordinal);
        Assert.StartsWith("shape", result.Parameters[2].Reason, StringComparison.Ordinal);
        Assert.Equal("/entries/{entryId}/{entryId2}/{entryId3}", templater.TemplateOf("/entries/fr/chat/synonym"));
    }

    [Fact]
    public void Nested_fixed_words_without_evidence_stay_literal()
    {
        // The same paths without shape: the last level is three fixed words, two of them called twice.
        var templater = Observed(
            "/entries/es/hola/definitions", "/entries/pt/casa/examples", "/entries/gu/kem/definitions",
            "/entries/es/perro/pronunciations", "/entries/pt/gato/examples");

        Assert.Equal("/entries/{entryId}/{entryId2}/definitions", templater.TemplateOf("/entries/es/hola/definitions"));
        Assert.Equal("/entries/{entryId}/{entryId2}/examples", templater.TemplateOf("/entries/pt/gato/examples"));
    }

    [Fact]
    public void Words_followed_by_fixed_children_of_their_own_stay_literal()
    {
        // Each sibling has its own fixed operations below (called repeatedly): not values of one parameter.
        var paths = new List<string>();
        paths.AddRange(Enumerable.Repeat("/account/billing/invoices", 3));
        paths.AddRange(Enumerable.Repeat("/account/security/sessions", 3));
        paths.AddRange(Enumerable.Repeat("/account/profile/avatar", 3));
        var templater = Observed([.. paths]);

        Assert.Equal("/account/billing/invoices", templater.TemplateOf("/account/billing/invoices"));
        Assert.Equal("/account/profile/avatar", templater.TemplateOf("/account/profile/avatar"));
    }

    [Fact]
    public void Five_rare_words_under_a_non_plural_parent_are_a_parameter()
    {
        var templater = Observed("/rawtx/alpha", "/rawtx/bravo", "/rawtx/charlie", "/rawtx/delta", "/rawtx/echo", "/rawtx/echo");

        var result = templater.Resolve(Host, "/rawtx/alpha");
        Assert.Equal("/rawtx/{rawtxId}", result.Template);
        Assert.Equal("cardinality: 5 distinct words, each ≤ 2 calls", Assert.Single(result.Parameters).Reason);
    }

    [Fact]
    public void Four_rare_words_or_a_frequent_sibling_stay_literal()
    {
        var four = Observed("/rawtx/alpha", "/rawtx/bravo", "/rawtx/charlie", "/rawtx/delta");
        Assert.Equal("/rawtx/alpha", four.TemplateOf("/rawtx/alpha"));

        var paths = new List<string> { "/rawtx/alpha", "/rawtx/bravo", "/rawtx/charlie", "/rawtx/delta", "/rawtx/echo" };
        paths.AddRange(Enumerable.Repeat("/rawtx/latest", 3));
        var templater = Observed([.. paths]);
        Assert.Equal("/rawtx/latest", templater.TemplateOf("/rawtx/latest"));
        Assert.Equal("/rawtx/{rawtxId}", templater.TemplateOf("/rawtx/alpha"));
    }

    [Fact]
    public void Release_numbers_at_a_parameter_position_are_values()
    {
        var templater = Observed("/packages/left-pad/v1.2.3", "/packages/left-pad/v1.2.4", "/packages/left-pad/2.0.1");

        var result = templater.Resolve(Host, "/packages/left-pad/v1.2.3");
        Assert.Equal("/packages/left-pad/{leftPadId}", result.Template);
        Assert.StartsWith("release numbers: 3 distinct words", Assert.Single(result.Parameters).Reason, StringComparison.Ordinal);
        Assert.Equal("/packages/left-pad/{leftPadId}", templater.TemplateOf("/packages/left-pad/v9.9.9"));
    }

    [Fact]
    public void Api_versions_among_rare_siblings_stay_literal()
    {
        var templater = Observed("/packages/left-pad/v1", "/packages/left-pad/v2", "/packages/left-pad/v2beta1");

        Assert.Equal("/packages/left-pad/v1", templater.TemplateOf("/packages/left-pad/v1"));
        Assert.Equal("/packages/left-pad/v2beta1", templater.TemplateOf("/packages/left-pad/v2beta1"));
    }

    [Fact]
    public void The_first_resource_is_a_parameter_when_rare_siblings_answer_alike()
    {
        string[] instance = ["$.name", "$.state", "$.createTime", "$.labels"];
        var templater = ObservedCalls([
            Call("/v1/calm-meadow", instance), Call("/v1/iris53", instance), Call("/v1/tomas_harris", instance),
        ]);

        var result = templater.Resolve(Host, "/v1/iris53");
        Assert.Equal("/v1/{id}", result.Template);
        Assert.StartsWith("shape: 3 distinct words", Assert.Single(result.Parameters).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void First_resources_stay_literal_without_strong_evidence()
    {
        // Rare, but each a different resource by its response; and two identifiers are not enough at the root.
        var templater = ObservedCalls([
            Call("/v1/users", Profile), Call("/v1/settings", Settings), Call("/v1/health", ["$.status"]),
            Call("/v2/550e8400-e29b-41d4-a716-446655440000"), Call("/v2/8812"),
        ]);

        Assert.Equal("/v1/users", templater.TemplateOf("/v1/users"));
        Assert.Equal("/v1/health", templater.TemplateOf("/v1/health"));
        Assert.Equal("/v2/8812", templater.TemplateOf("/v2/8812"));
        // Three identifiers are.
        Assert.Equal("/{id}", Observed("/8812", "/9913", "/550e8400-e29b-41d4-a716-446655440000").TemplateOf("/8812"));
    }

    [Fact]
    public void Many_sub_resources_each_called_often_are_not_a_parameter_by_cardinality()
    {
        string[] relations =
        [
            "app", "icons", "individualTesters", "betaBuildLocalizations", "buildBetaDetail", "preReleaseVersion",
            "appEncryptionDeclaration", "betaAppReviewSubmission", "buildBundles", "diagnosticSignatures", "perfPowerMetrics",
        ];
        var paths = relations.SelectMany(r => Enumerable.Range(1, 6).Select(i => $"/v1/builds/{i}/{r}")).ToList();
        var templater = Observed(new TemplatingOptions(), paths);

        Assert.Equal("/v1/builds/{buildId}/icons", templater.TemplateOf("/v1/builds/3/icons"));
        Assert.Equal("/v1/builds/{buildId}/preReleaseVersion", templater.TemplateOf("/v1/builds/3/preReleaseVersion"));
    }

    [Fact]
    public void Many_word_values_with_a_long_tail_are_a_parameter_by_cardinality()
    {
        var random = new Random(9);
        var logins = Enumerable.Range(0, 12).Select(_ => TemplaterFixture.Word(random)).ToArray();
        // A few popular values, most seen once or twice.
        var paths = logins.SelectMany((login, i) => Enumerable.Repeat($"/v1/builds/7/{login}", i < 3 ? 6 : 1 + (i % 2))).ToList();
        var templater = Observed(new TemplatingOptions(), paths);

        Assert.Equal("/v1/builds/{buildId}/{buildId2}", templater.TemplateOf(paths[0]));
    }

    [Theory]
    [InlineData("ListingProviders", true)]
    [InlineData("betaBuildLocalizations", true)]
    [InlineData("feature-flags", true)]
    [InlineData("preReleaseVersion", false)]
    [InlineData("john_doe", false)]
    [InlineData("status", false)]
    public void Plurals_are_judged_by_their_last_word(string word, bool plural) =>
        Assert.Equal(plural, SiblingEvidence.IsPlural(word));

    [Fact]
    public void Sibling_evidence_is_independent_of_arrival_order()
    {
        var calls = new List<Contract.ApiCall>
        {
            Call("/articles/search/kubernetes", Word), Call("/articles/search/ebpf", Word),
            Call("/users/me", Profile), Call("/users/settings", Settings), Call("/users/me", Profile),
            Call("/dictionary/es"), Call("/dictionary/pt"), Call("/dictionary/gu"),
            Call("/pet/findByStatus", ["$[*].id"], ["status"]), Call("/pet/findByTags", ["$[*].id"], ["tags"]),
        };
        string Snapshot(IEnumerable<Contract.ApiCall> order)
        {
            var templater = ObservedCalls(order);
            return string.Join("\n", calls.Select(c => templater.Resolve(Host, c.Path)).Select(t => $"{t.Template} {t.Confidence} {string.Join(",", t.Parameters)}"));
        }

        string expected = Snapshot(calls);
        var random = new Random(7);
        for (int run = 0; run < 20; run++)
        {
            var shuffled = calls.ToArray();
            random.Shuffle(shuffled);
            Assert.Equal(expected, Snapshot(shuffled));
        }
    }
}
