using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Templating;
using ApiSentinel.Collector.Tests.State;
using static ApiSentinel.Collector.Tests.Templating.TemplaterFixture;

namespace ApiSentinel.Collector.Tests.Templating;

/// <summary>
/// Evidence about a whole position rather than one segment's text: how many distinct values it held over its calls
/// (<see cref="ConstantNumber"/>) and whether its siblings share a typical sub-tree (SiblingEvidence.ShareChildren).
/// Each rule with a case where it decides and a case next to it where it must not.
/// </summary>
public class PositionEvidenceTests
{
    private static readonly string[] Resources = ["issue", "project", "user", "group", "filter", "search"];

    [Fact]
    public void One_small_number_over_many_calls_is_a_literal()
    {
        var paths = new List<string>();
        foreach (string resource in Resources)
        {
            paths.AddRange(Enumerable.Repeat($"/jira/rest/api/2/{resource}", 3));
        }

        var templater = Observed([.. paths]);

        var result = templater.Resolve(Host, "/jira/rest/api/2/issue");
        Assert.Equal("/jira/rest/api/2/issue", result.Template);
        Assert.Empty(result.Parameters);
    }

    [Fact]
    public void Changing_numbers_or_few_calls_stay_a_parameter()
    {
        // Two distinct numbers: identifiers, however small.
        var two = Observed("/order/2/items", "/order/2/items", "/order/2/items", "/order/3/items");
        Assert.Equal("/order/{orderId}/items", two.TemplateOf("/order/2/items"));

        // One number, but three calls: not enough to call it fixed.
        var three = Observed("/order/7/items", "/order/7/items", "/order/7/items");
        Assert.Equal("/order/{orderId}/items", three.TemplateOf("/order/7/items"));

        // One number over many calls, but below a collection: the one order seen so far.
        var collection = Observed([.. Enumerable.Repeat("/orders/7/items", 6)]);
        Assert.Equal("/orders/{orderId}/items", collection.TemplateOf("/orders/7/items"));

        // One number over many calls, but a large one: an identifier the trie does not keep (only 0–99 are).
        var large = Observed([.. Enumerable.Repeat("/order/8812/items", 6)]);
        Assert.Equal("/order/{orderId}/items", large.TemplateOf("/order/8812/items"));

        // A leading zero is not the number it reads as.
        var padded = Observed([.. Enumerable.Repeat("/order/07/items", 6)]);
        Assert.Equal("/order/{orderId}/items", padded.TemplateOf("/order/07/items"));
    }

    [Fact]
    public void A_constant_number_next_to_other_identifier_classes_stays_a_parameter()
    {
        var paths = new List<string>(Enumerable.Repeat("/file/5", 5)) { "/file/3f2a9c1e-8b7d-4c6a-9e1f-2b3c4d5e6f70" };
        var templater = Observed([.. paths]);

        Assert.Equal("/file/{fileId}", templater.TemplateOf("/file/5"));
    }

    [Fact]
    public void The_sole_number_survives_export_and_import()
    {
        // Two calls before the export, two after: only if the number itself round-trips do the four agree.
        string[] paths = ["/rest/api/2/issue", "/rest/api/2/user", "/rest/api/2/issue", "/rest/api/2/user"];
        var first = new ApiCatalog(StateHarness.Options());
        first.Ingest(Call(paths[0]));
        first.Ingest(Call(paths[1]));
        var resumed = StateHarness.Import(StateHarness.Export(first), StateHarness.Options());
        resumed.Ingest(Call(paths[2]));
        resumed.Ingest(Call(paths[3]));

        Assert.Equal(["/rest/api/2/issue", "/rest/api/2/user"], Templates(resumed));

        var whole = new ApiCatalog(StateHarness.Options());
        foreach (string path in paths)
        {
            whole.Ingest(Call(path));
        }

        Assert.Equal(Templates(whole), Templates(resumed));
        var state = StateHarness.Export(resumed);
        Assert.Equal(state, StateHarness.Export(StateHarness.Import(state, StateHarness.Options())));
    }

    [Fact]
    public void Only_small_numbers_without_a_leading_zero_are_kept()
    {
        Assert.Equal(0, ConstantNumber.Parse("0"));
        Assert.Equal(42, ConstantNumber.Parse("42"));
        Assert.Equal(ConstantNumber.Several, ConstantNumber.Parse("100"));
        Assert.Equal(ConstantNumber.Several, ConstantNumber.Parse("07"));
        Assert.Equal(ConstantNumber.Several, ConstantNumber.Parse("4a"));
    }

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
}
