using ApiSentinel.Collector.Endpoints;
using System.Text.RegularExpressions;
using ApiSentinel.Collector.Catalog;
using static ApiSentinel.Collector.Tests.Catalog.Snapshots.SnapshotCalls;

namespace ApiSentinel.Collector.Tests.Catalog.Snapshots;

public partial class IdentityTests
{
    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    private static readonly string[] Names =
        ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];

    [Fact]
    public void Identities_are_dns_labels_fixed_by_host_method_and_template()
    {
        var key = new EndpointKey("api.example.com", "GET", "/users/{userId}");
        // Pinned: the same name in every process and run (what the ApiEndpoint manifests were already named).
        Assert.Equal("get-api-example-com-users-userid-d8edabc5d21ce8e9", EndpointIdentity.Of(key));
        Assert.Equal(EndpointIdentity.Of(key), EndpointIdentity.Of(key with { }));
        Assert.NotEqual(EndpointIdentity.Of(key), EndpointIdentity.Of(key with { PathTemplate = "/users/{id}" }));
        // Keys that fold to the same readable text still get different names.
        Assert.NotEqual(EndpointIdentity.Of(key), EndpointIdentity.Of(key with { PathTemplate = "/users-{userId}" }));
    }

    [Theory]
    [InlineData("GET", "h", "/")]
    [InlineData("(other)", "(other)", "(other)")]
    [InlineData("GET", "a-very-long-host-name-that-alone-is-longer-than-a-label.internal.example.com", "/v1/organisations/{organisationId}/projects/{projectId}")]
    [InlineData("PROPFIND", "[::1]:8080", "/ünïcødé/{x}")]
    [InlineData("-", "---", "/---/")]
    public void Every_identity_is_a_valid_resource_name_of_at_most_63_characters(string method, string host, string path)
    {
        var name = EndpointIdentity.Of(new EndpointKey(host, method, path));
        Assert.InRange(name.Length, 1, EndpointIdentity.MaxLength);
        Assert.Matches(Dns1123Label(), name);
    }

    [Fact]
    public void Long_keys_that_differ_only_past_the_cut_get_different_names()
    {
        var host = new string('a', 80) + ".example";
        Assert.NotEqual(EndpointIdentity.Of(new EndpointKey(host, "GET", "/x")), EndpointIdentity.Of(new EndpointKey(host, "GET", "/y")));
    }

    [Fact]
    public void Merged_endpoints_name_one_survivor_whatever_the_order_and_the_renames_say_so()
    {
        string Run(IEnumerable<string> order)
        {
            var catalog = new ApiCatalog(new CatalogOptions());
            var names = order.ToList();
            // First build: too few distinct words for a parameter, each called often enough not to be a rare sibling
            // (sibling evidence generalises one- or two-call values), so each is its own literal endpoint.
            foreach (var name in names.Take(3))
            {
                for (var call = 0; call < 3; call++)
                {
                    catalog.Ingest(Call("GET", $"/repos/{name}"));
                }
            }
            var first = catalog.Build();
            Assert.Equal(3, first.Endpoints.Count);
            Assert.Empty(first.Renames);
            foreach (var name in names.Skip(3))
            {
                catalog.Ingest(Call("GET", $"/repos/{name}"));
            }
            var second = catalog.Build();
            var survivor = Assert.Single(second.Endpoints);
            Assert.Equal("/repos/{repoId}", survivor.Key.PathTemplate);
            Assert.Equal(3, second.Renames.Count);
            Assert.All(second.Renames, r =>
            {
                Assert.Contains(first.Endpoints, e => e.Identity == r.OldIdentity && e.Key == r.OldKey);
                Assert.Equal(survivor.Identity, r.NewIdentity);
                Assert.Equal(survivor.Key, r.NewKey);
            });
            Assert.Empty(catalog.Build().Renames);
            return survivor.Identity;
        }
        var random = new Random(11);
        var expected = Run(Names);
        for (var shuffle = 0; shuffle < 5; shuffle++)
        {
            Assert.Equal(expected, Run(Names.OrderBy(_ => random.Next())));
        }
    }

    [Fact]
    public void An_endpoint_whose_template_did_not_change_keeps_its_identity_across_builds_and_catalogs()
    {
        var calls = Mixed(1_000, seed: 5);
        var catalog = new ApiCatalog(new CatalogOptions());
        calls.Take(500).ToList().ForEach(catalog.Ingest);
        var first = catalog.Build();
        calls.Skip(500).ToList().ForEach(catalog.Ingest);
        var second = catalog.Build();
        foreach (var e in second.Endpoints.Where(e => first.Endpoints.Any(f => f.Key == e.Key)))
        {
            Assert.Equal(first.Endpoints.Single(f => f.Key == e.Key).Identity, e.Identity);
        }
        Assert.Contains(second.Endpoints, e => e.Key.PathTemplate == "/users/{userId}");

        // A restart: a new catalog fed the same traffic names every endpoint the same.
        var restarted = new ApiCatalog(new CatalogOptions());
        calls.ForEach(restarted.Ingest);
        Assert.Equal(second.Endpoints.Select(e => (e.Key, e.Identity)), restarted.Build().Endpoints.Select(e => (e.Key, e.Identity)));
    }

    [Fact]
    public void Identities_are_unique_within_a_snapshot()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        foreach (var call in Mixed(3_000, seed: 6).Concat(Enumerable.Range(0, 200).Select(i => Call("GET", $"/static/{i}/x", host: "h" + i % 7))))
        {
            catalog.Ingest(call);
        }
        var snapshot = catalog.Build();
        var all = snapshot.Endpoints.Concat(snapshot.StaticAssets).Concat(snapshot.ProbedPaths).ToList();
        Assert.Equal(all.Count, all.Select(e => e.Identity).Distinct(StringComparer.Ordinal).Count());
    }
}
