using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Tests.State;
using ApiSentinel.Contract;
using static ApiSentinel.Collector.Tests.Catalog.Snapshots.SnapshotCalls;

namespace ApiSentinel.Collector.Tests.Catalog;

/// <summary>
/// The per-call endpoint handles (<see cref="IngestHost"/>) are a cache of the endpoint map: a call must land where
/// the map would put it after a re-key, a spec change, a recompilation, an import, and with every bound full, and
/// nothing may depend on string instances being shared.
/// </summary>
public sealed class EndpointHandleTests
{
    private static ApiCall Copy(ApiCall call) => new()
    {
        TimestampMicros = call.TimestampMicros, Source = new string(call.Source), ClientAddress = call.ClientAddress is null ? null : new string(call.ClientAddress),
        Server = new string(call.Server), Host = new string(call.Host), Method = new string(call.Method), Path = new string(call.Path),
        Query = call.Query, Status = call.Status, RequestBytes = call.RequestBytes, ResponseBytes = call.ResponseBytes,
        DurationMicros = call.DurationMicros, Auth = new string(call.Auth), AuthLocation = call.AuthLocation,
        JwtAlgorithm = call.JwtAlgorithm, CredentialFingerprint = call.CredentialFingerprint, Sensitive = call.Sensitive,
        RequestContentType = call.RequestContentType, ResponseContentType = call.ResponseContentType,
        RequestHeaders = [.. call.RequestHeaders.Select(h => new string(h))], ResponseHeaders = [.. call.ResponseHeaders.Select(h => new string(h))],
        RequestFields = call.RequestFields, ResponseFields = call.ResponseFields, UserAgent = call.UserAgent, ClientTool = call.ClientTool,
        Transport = call.Transport, Connection = call.Connection, Namespace = call.Namespace, Workload = call.Workload,
    };

    [Fact]
    public void Fresh_string_instances_give_the_catalog_shared_ones_give()
    {
        var calls = GeneratedTraffic.Calls(seed: 7, count: 4_000);
        var shared = new ApiCatalog(new CatalogOptions());
        var fresh = new ApiCatalog(new CatalogOptions());
        foreach (var call in calls)
        {
            shared.Ingest(call);
            fresh.Ingest(Copy(call));
        }
        Assert.Equal(SnapshotDump.Of(shared.Build()), SnapshotDump.Of(fresh.Build()));
    }

    [Fact]
    public void Builds_between_calls_change_nothing_the_calls_are_counted_under()
    {
        // Builds re-key and merge endpoints; the handles must follow, or later calls would feed a merged-away endpoint.
        var calls = Mixed(6_000, seed: 3);
        var once = new ApiCatalog(new CatalogOptions());
        var often = new ApiCatalog(new CatalogOptions());
        for (var i = 0; i < calls.Count; i++)
        {
            once.Ingest(calls[i]);
            often.Ingest(calls[i]);
            if (i % 500 == 17)
            {
                _ = often.Build();
            }
        }
        var (a, b) = (once.Build(), often.Build());
        Assert.Equal(calls.Count, b.Endpoints.Concat(b.ProbedPaths).Concat(b.StaticAssets).Sum(e => e.Requests));
        Assert.Equal(Counts(a), Counts(b));
    }

    private static string[] Counts(CatalogSnapshot snapshot) =>
        [.. snapshot.Endpoints.Select(e => $"{e.Key} {e.Requests} {e.Template.Template}").Order(StringComparer.Ordinal)];

    private static ApiSpec Users() => ApiSpec.Parse("""
        openapi: 3.0.3
        info: { title: shop, version: "1" }
        servers: [ { url: "http://shop.example" } ]
        paths:
          /users/{userId}:
            get: { operationId: getUser, responses: { "200": { description: ok } } }
        """, "users.yaml");

    [Fact]
    public void A_spec_set_or_removed_between_calls_sends_the_next_calls_to_its_templates()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        for (var i = 0; i < 200; i++)
        {
            catalog.Ingest(Call("GET", $"/users/{i}"));
        }
        catalog.SetSpec("users", Users());
        for (var i = 0; i < 50; i++)
        {
            catalog.Ingest(Call("GET", $"/users/{i}"));
        }
        // Before any build: the calls after the spec are already filed under its template.
        var specified = catalog.Build();
        var user = Assert.Single(specified.Endpoints);
        Assert.Equal(("/users/{userId}", 250L, "spec"), (user.Key.PathTemplate, user.Requests, user.Template.Reason));

        Assert.True(catalog.RemoveSpec("users"));
        for (var i = 0; i < 50; i++)
        {
            catalog.Ingest(Call("GET", $"/users/{i}"));
        }
        var inferred = catalog.Build();
        var back = Assert.Single(inferred.Endpoints);
        Assert.Equal((300L, "no-spec"), (back.Requests, back.SpecState));
        Assert.NotEqual("spec", back.Template.Reason);
    }

    [Fact]
    public void Every_call_past_the_method_bound_is_counted_even_on_a_known_path()
    {
        var catalog = new ApiCatalog(new CatalogOptions { MaxMethodsPerHost = 1 });
        for (var i = 0; i < 10; i++)
        {
            catalog.Ingest(Call("GET", "/items"));
            catalog.Ingest(Call("POST", "/items"));
        }
        var snapshot = catalog.Build();
        Assert.Equal(10, snapshot.Counters.MethodOverflowCalls);
        Assert.Equal(10, snapshot.Endpoints.Single(e => e.Key.Method == "GET").Requests);
        Assert.Equal(10, snapshot.Endpoints.Single(e => e.Key.Method == CatalogOverflow.Name).Requests);
    }

    [Fact]
    public void Every_call_past_the_endpoint_bound_is_counted_even_on_a_known_path()
    {
        var catalog = new ApiCatalog(new CatalogOptions { MaxEndpoints = 1 });
        for (var i = 0; i < 10; i++)
        {
            catalog.Ingest(Call("GET", "/items"));
            catalog.Ingest(Call("GET", "/orders"));
        }
        var snapshot = catalog.Build();
        Assert.Equal(10, snapshot.Counters.EndpointOverflowCalls);
        Assert.Equal(10, snapshot.Endpoints.Single(e => e.Key.PathTemplate == "/items").Requests);
        Assert.Equal(10, snapshot.Endpoints.Single(e => e.IsOverflow).Requests);
    }

    [Fact]
    public void An_imported_catalog_files_calls_where_the_exporting_one_would()
    {
        var calls = Mixed(3_000, seed: 11);
        var whole = new ApiCatalog(new CatalogOptions());
        var first = new ApiCatalog(new CatalogOptions());
        foreach (var call in calls.Take(1_500))
        {
            whole.Ingest(call);
            first.Ingest(call);
        }
        using var state = new MemoryStream();
        first.ExportState(state);
        state.Position = 0;
        var second = ApiCatalog.ImportState(state, new CatalogOptions());
        foreach (var call in calls.Skip(1_500))
        {
            whole.Ingest(call);
            second.Ingest(call);
            first.Ingest(call);
        }
        var expected = SnapshotDump.Of(whole.Build());
        Assert.Equal(expected, SnapshotDump.Of(second.Build()));
        Assert.Equal(expected, SnapshotDump.Of(first.Build()));
    }
}
