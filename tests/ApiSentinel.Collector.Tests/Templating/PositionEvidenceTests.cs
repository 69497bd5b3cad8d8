using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Templating;
using ApiSentinel.Collector.Tests.State;
using static ApiSentinel.Collector.Tests.Templating.TemplaterFixture;

namespace ApiSentinel.Collector.Tests.Templating;

/// <summary>
/// Evidence about a whole position rather than one segment's text: whether its siblings share a typical sub-tree
/// (SiblingEvidence.ShareChildren), and how early rare values are keyed (interim and settled compiles).
/// Each rule with a case where it decides and a case next to it where it must not.
/// </summary>
public class PositionEvidenceTests
{
    private static readonly string[] Resources = ["issue", "project", "user", "group", "filter", "search"];

    private static string[] Templates(ApiCatalog catalog) =>
        [.. catalog.Build().Endpoints.Select(e => e.Template.Template).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public void Sub_resources_sharing_an_odd_child_stay_literal()
    {
        // Twelve fixed sub-resources under an id, each called several times, four of them with a /tags child: the
        // shared name is held by a third of them at most, so it is not the sub-tree of one parameter.
        string[] names = ["employee", "payCode", "holidayScheme", "paySchedule", "subContractor", "pension",
            "journalLine", "secret", "revision", "reportLine", "dpsMessage", "nominalCode"];
        var paths = new List<string>();
        for (int i = 0; i < names.Length; i++)
        {
            for (int call = 0; call < 3; call++)
            {
                paths.Add($"/employer/{1000 + (i * 7) + call}/{names[i]}");
            }

            if (i % 3 == 0)
            {
                paths.Add($"/employer/{5000 + i}/{names[i]}/tags");
            }
        }

        var templater = Observed([.. paths]);

        Assert.Equal("/employer/{employerId}/employee", templater.TemplateOf("/employer/1000/employee"));
        Assert.Equal("/employer/{employerId}/employee/tags", templater.TemplateOf("/employer/1000/employee/tags"));
        Assert.Equal("/employer/{employerId}/payCode", templater.TemplateOf("/employer/1000/payCode"));
    }

    [Fact]
    public void Sub_resources_sharing_children_only_in_pairs_stay_literal()
    {
        // Twelve fixed sub-resources in six pairs, each pair with a child of its own: every one shares a child with
        // another, but no child is held by a third of them, so the group has no sub-tree of one parameter (a child
        // held by any two would merge all twelve).
        string[] names = ["employee", "payCode", "holidayScheme", "paySchedule", "subContractor", "pension",
            "journalLine", "secret", "revision", "reportLine", "dpsMessage", "nominalCode"];
        string[] children = ["tags", "notes", "files", "links", "audit", "history"];
        var paths = new List<string>();
        for (int i = 0; i < names.Length; i++)
        {
            for (int call = 0; call < 3; call++)
            {
                paths.Add($"/employer/{1000 + (i * 7) + call}/{names[i]}");
            }

            paths.Add($"/employer/{5000 + i}/{names[i]}/{children[i / 2]}");
        }

        var templater = Observed([.. paths]);

        Assert.Equal("/employer/{employerId}/employee", templater.TemplateOf("/employer/1000/employee"));
        Assert.Equal("/employer/{employerId}/payCode/tags", templater.TemplateOf("/employer/1000/payCode/tags"));
        Assert.Equal("/employer/{employerId}/nominalCode", templater.TemplateOf("/employer/1000/nominalCode"));
    }

    [Fact]
    public void Values_sharing_their_operations_below_are_a_parameter()
    {
        // Twelve store names, each called several times, most reaching the same two operations below them.
        string[] stores = ["alder", "birch", "cedar", "dogwood", "elm", "fir", "ginkgo", "hazel", "ironwood", "juniper",
            "larch", "maple"];
        var paths = new List<string>();
        foreach (string store in stores)
        {
            paths.Add($"/catalogs/{store}/products");
            paths.Add($"/catalogs/{store}/products");
            paths.Add($"/catalogs/{store}/channels");
        }

        var templater = Observed([.. paths]);

        var result = templater.Resolve(Host, "/catalogs/alder/products");
        Assert.Equal("/catalogs/{catalogId}/products", result.Template);
        Assert.StartsWith("cardinality: 12 distinct words", result.Parameters[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rare_camel_case_name_next_to_identifiers_stays_literal()
    {
        // Dates are values of the position; a rare sub-resource with a long camel-case name is not a token.
        var paths = Enumerable.Range(1, 20).Select(day => $"/employee/2024-03-{day:00}").ToList();
        paths.Add("/employee/PayInstructions");
        paths.Add("/employee/connectionStats");
        paths.Add("/employee/cus_NffrFeUfNVaHib");
        var templater = Observed([.. paths]);

        Assert.Equal("/employee/PayInstructions", templater.TemplateOf("/employee/PayInstructions"));
        Assert.Equal("/employee/connectionStats", templater.TemplateOf("/employee/connectionStats"));
        Assert.Equal("/employee/{employeeId}", templater.TemplateOf("/employee/2024-03-05"));
        // A random token without a digit still joins them.
        Assert.Equal("/employee/{employeeId}", templater.TemplateOf("/employee/cus_NffrFeUfNVaHib"));
    }

    [Fact]
    public void Sub_resources_rare_early_in_a_capture_end_literal()
    {
        // Six fixed sub-resources, each first seen once (five rare words under a literal parent would merge them),
        // then called again and again. The catalog keys calls as they arrive and can merge endpoints later but never
        // split one: an interim merge of the first six calls would survive every later build.
        string[] names = ["alliances", "universe", "dogma", "sovereignty", "markets", "incursions"];
        var catalog = new ApiCatalog(StateHarness.Options());
        foreach (string name in names)
        {
            catalog.Ingest(Call($"/latest/{name}"));
        }

        for (int round = 0; round < 10; round++)
        {
            foreach (string name in names)
            {
                catalog.Ingest(Call($"/latest/{name}"));
            }
        }

        Assert.Equal([.. names.Select(n => $"/latest/{n}").Order(StringComparer.Ordinal)], Templates(catalog));
    }

    [Fact]
    public void Rare_values_still_merge_at_the_build()
    {
        // The same rule, on values that stay rare: the build's settled compile merges what the interim ones kept apart.
        var catalog = new ApiCatalog(StateHarness.Options());
        foreach (string value in new[] { "alpha", "bravo", "charlie", "delta", "echo", "foxtrot" })
        {
            catalog.Ingest(Call($"/rawtx/{value}"));
            catalog.Ingest(Call("/rawtx/latest"));
            catalog.Ingest(Call("/rawtx/latest"));
        }

        Assert.Equal(["/rawtx/latest", "/rawtx/{rawtxId}"], Templates(catalog));
    }

    [Fact]
    public void A_build_settles_whatever_compile_the_last_call_triggered()
    {
        // Interim compiles keep rare words literal; a build must settle on every rule even when the last call's own
        // lazy recompile left nothing pending, or the catalog would depend on where the calls happened to end.
        var calls = new List<string>();
        foreach (string value in new[] { "alpha", "bravo", "charlie", "delta", "echo", "foxtrot" })
        {
            calls.AddRange([$"/rawtx/{value}", "/rawtx/latest", "/rawtx/latest"]);
        }

        var random = new Random(7);
        for (int order = 0; order < 30; order++)
        {
            var catalog = new ApiCatalog(StateHarness.Options());
            foreach (string path in order == 0 ? calls : [.. calls.OrderBy(_ => random.Next())])
            {
                catalog.Ingest(Call(path));
            }

            Assert.Equal(["/rawtx/latest", "/rawtx/{rawtxId}"], Templates(catalog));
        }
    }

    [Fact]
    public void After_a_build_fresh_values_are_filed_under_its_merges()
    {
        // A lazy compile after the build must not undo its merge: fresh values would each open a literal endpoint
        // until the next build, and near the endpoint bound spill into the catch-all for good.
        var catalog = new ApiCatalog(StateHarness.Options());
        foreach (string value in new[] { "alpha", "bravo", "charlie", "delta", "echo", "foxtrot" })
        {
            catalog.Ingest(Call($"/rawtx/{value}"));
            catalog.Ingest(Call("/rawtx/latest"));
            catalog.Ingest(Call("/rawtx/latest"));
        }

        Assert.Equal(["/rawtx/latest", "/rawtx/{rawtxId}"], Templates(catalog));
        var random = new Random(3);
        for (int i = 0; i < 200; i++)
        {
            catalog.Ingest(Call($"/rawtx/{Word(random)}"));
            catalog.Ingest(Call("/rawtx/latest"));
        }

        Assert.Equal(2, catalog.EndpointCount);
        Assert.Equal(["/rawtx/latest", "/rawtx/{rawtxId}"], Templates(catalog));
    }
}
