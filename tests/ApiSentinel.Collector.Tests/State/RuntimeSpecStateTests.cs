using System.Buffers.Binary;
using System.Security.Cryptography;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Catalog.State;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Specs.Loading;
using ApiSentinel.Collector.Tests.Catalog.Snapshots;
using static ApiSentinel.Collector.Tests.Catalog.Snapshots.SnapshotCalls;

namespace ApiSentinel.Collector.Tests.State;

/// <summary>Specs set at run time (ApiSpec resources) travel in the catalog's state, so a restart keys endpoints as before.</summary>
public class RuntimeSpecStateTests
{
    // /accounts/{id} where inference keeps the three ids literal (each called three times): a spec-keyed endpoint
    // that inference would rename. Two paths, so a budget of one path refuses it.
    private const string ShopDocument = """
        openapi: 3.0.3
        info: { title: shop, version: "1" }
        servers: [ { url: "http://shop.example" } ]
        paths:
          /accounts/{id}:
            get: { operationId: getAccount, responses: { "200": { description: ok } } }
          /never:
            get: { responses: { "200": { description: ok } } }
        """;

    // No servers: it describes only the hosts it is bound to.
    private const string OtherDocument = """
        openapi: 3.0.3
        info: { title: other, version: "1" }
        paths:
          /items/{item}:
            get: { operationId: getItem, responses: { "200": { description: ok } } }
        """;

    private static ApiCatalog SpecKeyed(CatalogOptions options)
    {
        var catalog = new ApiCatalog(options);
        catalog.SetSpec("shop/shop-api", ApiSpec.Parse(ShopDocument, "shop/shop-api"));
        catalog.SetSpec("other/other-api", ApiSpec.Parse(OtherDocument, "other/other-api"), ["other.example"]);
        foreach (var id in new[] { "alpha", "bravo", "charlie" })
        {
            for (var call = 0; call < 3; call++)
            {
                catalog.Ingest(Call("GET", $"/accounts/{id}"));
                catalog.Ingest(Call("GET", $"/items/{id}", host: "other.example"));
            }
        }
        catalog.Ingest(Call("GET", "/internal/stats"));
        return catalog;
    }

    private static IEnumerable<(string, string, string, string?, string)> Keys(CatalogSnapshot snapshot) =>
        snapshot.Endpoints.Select(e => (e.Identity, e.Key.PathTemplate, e.SpecState, e.OperationId, e.Template.Reason));

    [Fact]
    public void Export_then_import_keeps_the_run_time_specs_and_the_first_build_renames_nothing()
    {
        var options = StateHarness.Options();
        var original = SpecKeyed(options);
        var before = original.Build();
        Assert.Contains(before.Endpoints, e => (e.Key.PathTemplate, e.Template.Reason) == ("/accounts/{id}", "spec"));
        Assert.Contains(before.Endpoints, e => (e.Key.Host, e.Key.PathTemplate, e.OperationId) == ("other.example", "/items/{item}", "getItem"));
        var state = StateHarness.Export(original);

        var imported = StateHarness.Import(state, options);
        Assert.Equal(["other/other-api", "shop/shop-api"], imported.SpecIds);
        Assert.Empty(imported.SpecsDroppedOnImport);
        // The state holds the specs as they were given: exporting the import again gives the same bytes.
        Assert.Equal(state, StateHarness.Export(imported));

        // Calls after the restart are keyed under the specs too, on both the spec's own host and the bound one.
        foreach (var catalog in new[] { original, imported })
        {
            catalog.Ingest(Call("GET", "/accounts/delta"));
            catalog.Ingest(Call("GET", "/items/delta", host: "other.example"));
        }
        var after = imported.Build();
        Assert.Empty(after.Renames);
        Assert.Equal(Keys(original.Build()), Keys(after));
        Assert.Equal(10L, after.Endpoints.Single(e => e.Key.PathTemplate == "/accounts/{id}").Requests);
        Assert.Equal(10L, after.Endpoints.Single(e => e.Key.PathTemplate == "/items/{item}").Requests);
    }

    [Fact]
    public void A_spec_that_no_longer_parses_is_dropped_with_its_reason_and_the_rest_imports()
    {
        var options = StateHarness.Options();
        var state = StateHarness.Export(SpecKeyed(options));

        // A budget of one path: the shop document (two paths) is refused, the other one (one path) still loads.
        using var input = new MemoryStream(state);
        var imported = ApiCatalog.ImportState(input, options, specBudget: new SpecBudget { MaxPaths = 1 });

        Assert.Equal(["other/other-api"], imported.SpecIds);
        var dropped = Assert.Single(imported.SpecsDroppedOnImport);
        Assert.Equal(("shop/shop-api", "shop/shop-api"), (dropped.Id, dropped.SourceName));
        Assert.Contains(nameof(SpecBudget.MaxPaths), dropped.Reason, StringComparison.Ordinal);
        // Without the spec its host goes back to inference, as if the spec had been removed.
        var build = imported.Build();
        Assert.All(build.Endpoints.Where(e => e.Key.Host == "shop.example"), e => Assert.Equal((SpecStates.NoSpec, null), (e.SpecState, e.OperationId)));
        Assert.DoesNotContain(build.Endpoints, e => e.Key.Host == "shop.example" && e.Template.Reason == "spec");
        Assert.Equal("getItem", build.Endpoints.Single(e => e.Key.Host == "other.example").OperationId);
    }

    [Fact]
    public void A_format_3_state_imports_without_run_time_specs()
    {
        var options = StateHarness.Options();
        var original = new ApiCatalog(options);
        foreach (var call in Mixed(500, seed: 3))
        {
            original.Ingest(call);
        }
        var current = StateHarness.Export(original);
        var build = SnapshotText.Of(original.Build());

        var imported = StateHarness.Import(AsFormat3(current), options);

        Assert.Empty(imported.SpecIds);
        Assert.Empty(imported.SpecsDroppedOnImport);
        Assert.Equal(current, StateHarness.Export(imported));
        Assert.Equal(build, SnapshotText.Of(imported.Build()));
    }

    [Fact]
    public void A_spec_loaded_from_a_file_cannot_be_set_at_run_time_since_the_state_could_not_keep_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"specpersist-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, ShopDocument);
        try
        {
            var catalog = new ApiCatalog(new CatalogOptions());
            Assert.Throws<ArgumentException>(() => catalog.SetSpec("shop", ApiSpec.Load(path)));
            Assert.Empty(catalog.SpecIds);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_restart_through_the_owner_keeps_spec_keyed_endpoints_and_renames_nothing()
    {
        var options = StateHarness.Options();
        CatalogCheckpoint checkpoint;
        await using (var owner = new CatalogOwner(new ApiCatalog(options)))
        {
            await owner.SetSpecAsync("shop/shop-api", ApiSpec.Parse(ShopDocument, "shop/shop-api"));
            foreach (var id in new[] { "alpha", "bravo", "charlie" })
            {
                await owner.IngestAsync([Call("GET", $"/accounts/{id}"), Call("GET", $"/accounts/{id}"), Call("GET", $"/accounts/{id}")]);
            }
            checkpoint = await owner.CheckpointAsync();
        }
        var account = Assert.Single(checkpoint.Snapshot.Endpoints, e => e.Key.PathTemplate == "/accounts/{id}");

        await using var restarted = new CatalogOwner(StateHarness.Import(checkpoint.State, options), checkpoint.Positions);
        Assert.Equal(["shop/shop-api"], await restarted.SpecIdsAsync());
        await restarted.IngestAsync([Call("GET", "/accounts/delta")]);
        var first = await restarted.BuildAsync();

        Assert.Empty(first.Renames);
        var again = Assert.Single(first.Endpoints, e => e.Key.PathTemplate.StartsWith("/accounts/", StringComparison.Ordinal));
        Assert.Equal((account.Identity, "spec", "getAccount", 10L), (again.Identity, again.Template.Reason, again.OperationId, again.Requests));
    }

    /// <summary>
    /// The state a format 3 writer gave for the same catalog: format 4 only added the run-time specs section
    /// (marker, count) just before the end marker, so without specs it is those two bytes less, re-checksummed.
    /// </summary>
    private static byte[] AsFormat3(byte[] state)
    {
        var payloadLength = state.Length - StateFormat.HeaderLength - StateFormat.ChecksumLength;
        var end = StateFormat.HeaderLength + payloadLength - 1;
        Assert.Equal(new byte[] { 11, 0, 10 }, state[(end - 2)..(end + 1)]);
        var old = new byte[state.Length - 2];
        state.AsSpan(0, end - 2).CopyTo(old);
        old[end - 2] = state[end];
        BinaryPrimitives.WriteUInt16LittleEndian(old.AsSpan(8), 3);
        BinaryPrimitives.WriteInt64LittleEndian(old.AsSpan(18), payloadLength - 2);
        var checksum = SHA256.HashData(old.AsSpan(0, old.Length - StateFormat.ChecksumLength));
        checksum.AsSpan(0, StateFormat.ChecksumLength).CopyTo(old.AsSpan(old.Length - StateFormat.ChecksumLength));
        return old;
    }
}
