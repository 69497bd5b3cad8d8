using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Specs;
using static ApiSentinel.Collector.Tests.Catalog.Snapshots.SnapshotCalls;

namespace ApiSentinel.Collector.Tests.Catalog.Snapshots;

public class RuntimeSpecTests
{
    // Declares /accounts/{id} where inference, from three values called three times each, keeps literals (rare
    // siblings — one or two calls each — would be parameters on sibling evidence).
    private static ApiSpec Shop(string extraPath = "/never") => ApiSpec.Parse($$"""
        openapi: 3.0.3
        info: { title: shop, version: "1" }
        servers: [ { url: "http://shop.example" } ]
        paths:
          /accounts/{id}:
            get: { operationId: getAccount, responses: { "200": { description: ok } } }
          {{extraPath}}:
            get: { responses: { "200": { description: ok } } }
        """, "shop.yaml");

    private static ApiCatalog Ingested()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        foreach (var id in new[] { "alpha", "bravo", "charlie" })
        {
            for (var call = 0; call < 3; call++)
            {
                catalog.Ingest(Call("GET", $"/accounts/{id}"));
            }
        }
        catalog.Ingest(Call("GET", "/internal/stats"));
        return catalog;
    }

    private static string[] Paths(CatalogSnapshot snapshot) => snapshot.Endpoints.Select(e => e.Key.PathTemplate).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_spec_added_at_run_time_rekeys_endpoints_ingested_before_and_removing_it_goes_back_to_inference()
    {
        var catalog = Ingested();
        var inferred = catalog.Build();
        Assert.Equal(["/accounts/alpha", "/accounts/bravo", "/accounts/charlie", "/internal/stats"], Paths(inferred));
        Assert.All(inferred.Endpoints, e => Assert.Equal("no-spec", e.SpecState));

        catalog.SetSpec("shop/shop-api", Shop());
        Assert.Equal(["shop/shop-api"], catalog.SpecIds);
        // Calls under the spec: the templater still observes their paths, evidence for when the spec goes.
        foreach (var id in new[] { "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima" })
        {
            catalog.Ingest(Call("GET", $"/accounts/{id}"));
        }
        var specified = catalog.Build();
        Assert.Equal(["/accounts/{id}", "/internal/stats"], Paths(specified));
        var account = specified.Endpoints.Single(e => e.Key.PathTemplate == "/accounts/{id}");
        // Matched (the calls carry fields the spec does not declare, so conformance itself may find violations).
        Assert.Contains(account.SpecState, new[] { "conformant", "non-conformant" });
        Assert.Equal(("getAccount", 18L, "spec"), (account.OperationId, account.Requests, account.Template.Reason));
        Assert.Equal("shadow", specified.Endpoints.Single(e => e.Key.PathTemplate == "/internal/stats").SpecState);
        Assert.Equal("/never", Assert.Single(specified.UnusedSpecOperations).Operation.PathTemplate);
        Assert.Equal(3, specified.Renames.Count);
        Assert.All(specified.Renames, r => Assert.Equal(account.Identity, r.NewIdentity));

        Assert.True(catalog.RemoveSpec("shop/shop-api"));
        Assert.False(catalog.RemoveSpec("shop/shop-api"));
        var removed = catalog.Build();
        // Twelve distinct words, nine of them rare: the position is a parameter by inference, and the merged aggregate takes its template.
        var back = Assert.Single(removed.Endpoints, e => e.Key.PathTemplate.StartsWith("/accounts/", StringComparison.Ordinal));
        Assert.Equal(("/accounts/{accountId}", "inferred", 18L), (back.Key.PathTemplate, back.Template.Reason, back.Requests));
        Assert.All(removed.Endpoints, e => Assert.Equal("no-spec", e.SpecState));
        Assert.Empty(removed.UnusedSpecOperations);
        var rename = Assert.Single(removed.Renames);
        Assert.Equal((account.Identity, back.Identity), (rename.OldIdentity, rename.NewIdentity));
        // Calls after the removal are inferred again, not keyed under the spec's template.
        catalog.Ingest(Call("GET", "/internal/stats"));
        Assert.Equal(2, catalog.Build().Endpoints.Single(e => e.Key.PathTemplate == "/internal/stats").Requests);
    }

    [Fact]
    public void Replacing_a_spec_by_id_keeps_only_the_new_one()
    {
        var catalog = Ingested();
        catalog.SetSpec("shop", Shop("/never"));
        catalog.SetSpec("shop", Shop("/internal/stats"));
        var snapshot = catalog.Build();
        Assert.Equal(["shop"], catalog.SpecIds);
        Assert.NotEqual("shadow", snapshot.Endpoints.Single(e => e.Key.PathTemplate == "/internal/stats").SpecState);
        Assert.Empty(snapshot.UnusedSpecOperations);
    }

    [Fact]
    public void Run_time_specs_bind_to_the_hosts_they_are_given_and_configured_specs_stay()
    {
        var configured = new SpecIndex();
        configured.Add(Shop());
        var catalog = new ApiCatalog(new CatalogOptions(), configured);
        catalog.Ingest(Call("GET", "/accounts/alpha"));
        catalog.Ingest(Call("GET", "/accounts/alpha", host: "other.example"));
        var hostless = ApiSpec.Parse("""
            openapi: 3.0.3
            info: { title: other, version: "1" }
            paths:
              /accounts/{accountId}:
                get: { responses: { "200": { description: ok } } }
            """, "other.yaml");
        catalog.SetSpec("other", hostless, ["other.example"]);
        var both = catalog.Build();
        Assert.Equal("/accounts/{id}", both.Endpoints.Single(e => e.Key.Host == "shop.example").Key.PathTemplate);
        Assert.Equal("/accounts/{accountId}", both.Endpoints.Single(e => e.Key.Host == "other.example").Key.PathTemplate);

        catalog.RemoveSpec("other");
        var configuredOnly = catalog.Build();
        Assert.Equal("/accounts/{id}", configuredOnly.Endpoints.Single(e => e.Key.Host == "shop.example").Key.PathTemplate);
        Assert.Equal("no-spec", configuredOnly.Endpoints.Single(e => e.Key.Host == "other.example").SpecState);
    }

    [Fact]
    public void The_order_specs_were_set_in_does_not_change_the_catalog()
    {
        string Run(bool reversed)
        {
            var catalog = Ingested();
            var specs = new[] { ("a", Shop("/internal/stats")), ("b", Shop("/never")) };
            foreach (var (id, spec) in reversed ? specs.Reverse() : specs)
            {
                catalog.SetSpec(id, spec);
            }
            return SnapshotText.Of(catalog.Build());
        }
        Assert.Equal(Run(reversed: false), Run(reversed: true));
    }
}
