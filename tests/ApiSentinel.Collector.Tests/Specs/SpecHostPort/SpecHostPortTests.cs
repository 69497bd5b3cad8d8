using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Templating;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Specs.SpecHostPort;

/// <summary>
/// A spec covers a traffic host by <see cref="SpecIndex"/>'s rule (case-insensitive; a port-less spec host covers it
/// on any port, a spec host with a port only that port). The template a call is keyed under must follow the same rule
/// as the operation it is checked against: a call marked conformant to <c>/accounts/{id}</c> but filed under the
/// literal <c>/accounts/alpha</c> would be a catalog that contradicts itself.
/// </summary>
public sealed class SpecHostPortTests
{
    private const string ClusterHost = "shop.default.svc.cluster.local";

    // Declares /accounts/{id} where inference, from three values called three times each, keeps literals; the
    // response declares exactly the fields the calls carry, so a matched call is conformant.
    private static ApiSpec Shop(string? server = null) => ApiSpec.Parse($$"""
        openapi: 3.0.3
        info: { title: shop, version: "1" }
        {{(server is null ? "" : $"servers: [ {{ url: \"{server}\" }} ]")}}
        paths:
          /accounts/{id}:
            get:
              operationId: getAccount
              parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties: { id: { type: integer }, name: { type: string } }
        """, "shop.yaml");

    private static ApiCall Call(string host, string path) => new()
    {
        TimestampMicros = 1_000_000, ClientAddress = "10.0.0.5", Server = "10.0.0.9:8080", Host = host, Method = "GET",
        Path = path, Status = 200, Auth = "none", ResponseContentType = "application/json",
        ResponseFields = [new FieldObservation("$.id", "integer"), new FieldObservation("$.name", "string")],
        DurationMicros = 1_000,
    };

    private static void IngestAccounts(ApiCatalog catalog, string host, params string[] ids)
    {
        foreach (var id in ids)
        {
            for (var call = 0; call < 3; call++)
            {
                catalog.Ingest(Call(host, $"/accounts/{id}"));
            }
        }
    }

    private static EndpointSnapshot[] Accounts(CatalogSnapshot snapshot, string host) =>
        snapshot.Endpoints.Where(e => e.Key.Host == host && e.Key.PathTemplate.StartsWith("/accounts/", StringComparison.Ordinal))
            .OrderBy(e => e.Key.PathTemplate, StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_resource_host_without_a_port_keys_traffic_with_a_port_under_the_spec_template_and_it_is_conformant()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.SetSpec("shop/shop-api", Shop(), [ClusterHost]);

        IngestAccounts(catalog, ClusterHost + ":8080", "alpha", "bravo", "charlie");
        var snapshot = catalog.Build();

        var account = Assert.Single(Accounts(snapshot, ClusterHost + ":8080"));
        Assert.Equal(("/accounts/{id}", "spec", SpecStates.Conformant, "getAccount", 9L),
            (account.Key.PathTemplate, account.Template.Reason, account.SpecState, account.OperationId, account.Requests));
        Assert.Empty(snapshot.UnusedSpecOperations);
    }

    [Fact]
    public void A_server_url_without_a_port_covers_any_port_and_any_case_of_the_host()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.SetSpec("shop/shop-api", Shop("https://shop.example"));

        IngestAccounts(catalog, "shop.example:8443", "alpha", "bravo", "charlie");
        IngestAccounts(catalog, "Shop.Example", "alpha", "bravo", "charlie");
        var snapshot = catalog.Build();

        foreach (var host in new[] { "shop.example:8443", "Shop.Example" })
        {
            var account = Assert.Single(Accounts(snapshot, host));
            Assert.Equal(("/accounts/{id}", SpecStates.Conformant), (account.Key.PathTemplate, account.SpecState));
        }
    }

    [Fact]
    public void A_spec_given_at_construction_covers_a_host_with_a_port_too()
    {
        var catalog = new ApiCatalog(new CatalogOptions(), SpecIndex.Of([new SpecBinding(Shop(), [ClusterHost])]));

        IngestAccounts(catalog, ClusterHost + ":8080", "alpha", "bravo", "charlie");

        var account = Assert.Single(Accounts(catalog.Build(), ClusterHost + ":8080"));
        Assert.Equal(("/accounts/{id}", SpecStates.Conformant), (account.Key.PathTemplate, account.SpecState));
    }

    [Fact]
    public void Hosts_seen_before_and_first_seen_after_the_spec_was_set_both_take_its_templates()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        IngestAccounts(catalog, ClusterHost + ":8080", "alpha", "bravo", "charlie");
        Assert.Equal(["/accounts/alpha", "/accounts/bravo", "/accounts/charlie"],
            Accounts(catalog.Build(), ClusterHost + ":8080").Select(e => e.Key.PathTemplate));

        catalog.SetSpec("shop/shop-api", Shop(), [ClusterHost]);
        IngestAccounts(catalog, ClusterHost + ":8080", "delta");
        IngestAccounts(catalog, ClusterHost + ":9090", "alpha", "bravo", "charlie");
        var snapshot = catalog.Build();

        var before = Assert.Single(Accounts(snapshot, ClusterHost + ":8080"));
        Assert.Equal(("/accounts/{id}", "spec", SpecStates.Conformant, 12L),
            (before.Key.PathTemplate, before.Template.Reason, before.SpecState, before.Requests));
        var after = Assert.Single(Accounts(snapshot, ClusterHost + ":9090"));
        Assert.Equal(("/accounts/{id}", "spec", SpecStates.Conformant, 9L),
            (after.Key.PathTemplate, after.Template.Reason, after.SpecState, after.Requests));
    }

    [Fact]
    public void Removing_the_spec_gives_a_host_with_a_port_back_to_inference()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.SetSpec("shop/shop-api", Shop(), [ClusterHost]);
        IngestAccounts(catalog, ClusterHost + ":8080", "alpha", "bravo", "charlie");
        Assert.Equal("/accounts/{id}", Assert.Single(Accounts(catalog.Build(), ClusterHost + ":8080")).Key.PathTemplate);

        Assert.True(catalog.RemoveSpec("shop/shop-api"));
        // Calls after the removal, on the host seen under the spec and on one first seen now.
        IngestAccounts(catalog, ClusterHost + ":8080", "alpha", "bravo", "charlie");
        IngestAccounts(catalog, ClusterHost + ":9090", "alpha", "bravo", "charlie");
        var snapshot = catalog.Build();

        Assert.All(snapshot.Endpoints, e => Assert.Equal(SpecStates.NoSpec, e.SpecState));
        Assert.All(snapshot.Endpoints, e => Assert.NotEqual("spec", e.Template.Reason));
        // Three values called three times each are literals by inference.
        Assert.Equal(["/accounts/alpha", "/accounts/bravo", "/accounts/charlie"],
            Accounts(snapshot, ClusterHost + ":9090").Select(e => e.Key.PathTemplate));
        // The host seen under the spec files its new calls by inference too; the endpoint merged under the spec's
        // template is not split again (README, "Specs at run time"), but it is no longer the spec's.
        var seen = Accounts(snapshot, ClusterHost + ":8080");
        Assert.Equal(["/accounts/alpha", "/accounts/bravo", "/accounts/charlie"],
            seen.Where(e => e.Requests == 3).Select(e => e.Key.PathTemplate));
        Assert.Equal(9L, seen.Single(e => e.Key.PathTemplate == "/accounts/{id}").Requests);
    }

    [Fact]
    public void A_spec_host_with_a_port_does_not_capture_another_port_or_the_host_without_one()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        catalog.SetSpec("shop/shop-api", Shop("http://shop.example:8080"));

        IngestAccounts(catalog, "shop.example:8080", "alpha", "bravo", "charlie");
        IngestAccounts(catalog, "shop.example:9090", "alpha", "bravo", "charlie");
        IngestAccounts(catalog, "shop.example", "alpha", "bravo", "charlie");
        var snapshot = catalog.Build();

        var covered = Assert.Single(Accounts(snapshot, "shop.example:8080"));
        Assert.Equal(("/accounts/{id}", SpecStates.Conformant), (covered.Key.PathTemplate, covered.SpecState));
        foreach (var host in new[] { "shop.example:9090", "shop.example" })
        {
            var uncovered = Accounts(snapshot, host);
            Assert.Equal(["/accounts/alpha", "/accounts/bravo", "/accounts/charlie"], uncovered.Select(e => e.Key.PathTemplate));
            Assert.All(uncovered, e => Assert.Equal(SpecStates.NoSpec, e.SpecState));
        }
    }

    [Fact]
    public void An_imported_state_keys_a_host_with_a_port_under_the_spec_it_is_imported_with()
    {
        var source = new ApiCatalog(new CatalogOptions());
        IngestAccounts(source, ClusterHost + ":8080", "alpha", "bravo", "charlie");
        using var state = new MemoryStream();
        source.ExportState(state);
        state.Position = 0;

        var imported = ApiCatalog.ImportState(state, new CatalogOptions(), SpecIndex.Of([new SpecBinding(Shop(), [ClusterHost])]));

        var account = Assert.Single(Accounts(imported.Build(), ClusterHost + ":8080"));
        Assert.Equal(("/accounts/{id}", SpecStates.Conformant, 9L), (account.Key.PathTemplate, account.SpecState, account.Requests));
    }

    [Fact]
    public void The_templater_asks_the_spec_index_for_hosts_it_meets_later_and_drops_templates_when_the_index_goes()
    {
        var templater = new PathTemplater(new TemplatingOptions());
        templater.Observe(ClusterHost + ":8080", "/accounts/alpha");
        templater.UseSpecs(SpecIndex.Of([new SpecBinding(Shop(), [ClusterHost])]));

        Assert.Equal("/accounts/{id}", templater.Resolve(ClusterHost + ":8080", "/accounts/alpha").Template);
        // Never observed: the spec decides all the same.
        Assert.Equal("/accounts/{id}", templater.Resolve(ClusterHost + ":7070", "/accounts/alpha").Template);
        templater.Observe(ClusterHost + ":9090", "/accounts/bravo");
        Assert.Equal("spec", templater.Resolve(ClusterHost + ":9090", "/accounts/bravo").Reason);
        Assert.NotEqual("spec", templater.Resolve("elsewhere.example:8080", "/accounts/alpha").Reason);

        templater.UseSpecs(null);
        foreach (var host in new[] { ClusterHost + ":8080", ClusterHost + ":7070", ClusterHost + ":9090" })
        {
            Assert.NotEqual("spec", templater.Resolve(host, "/accounts/alpha").Reason);
        }
    }
}
