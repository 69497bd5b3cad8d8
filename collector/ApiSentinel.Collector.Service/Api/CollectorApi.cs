using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Reports;
using ApiSentinel.Collector.Service.Sensors;
using ApiSentinel.Collector.Service.State;
using ApiSentinel.Collector.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApiSentinel.Collector.Service.Api;

/// <summary>
/// The HTTP API (read only). Everything is served from the owner's latest published snapshot and the store's read
/// connections, never through the owner's queue, so a read never waits for ingest nor slows it.
/// </summary>
public static class CollectorApi
{
    public const string Prefix = "/api/v1";

    public static IEndpointRouteBuilder MapCollectorApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (CatalogState state) => state.IsReady
            ? Results.Text("ready\n")
            : Results.Text("recovering state\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet(Prefix + "/endpoints", Endpoints);
        app.MapGet(Prefix + "/endpoints/{id}", Endpoint);
        app.MapGet(Prefix + "/findings", Findings);
        app.MapGet(Prefix + "/sensors", Sensors);
        return app;
    }

    private static async Task Endpoints(HttpContext context, CatalogState state, PendingRenames renames, ClientDirectory clients)
    {
        if (await SnapshotAsync(context, state) is not { } snapshot)
        {
            return;
        }
        var cancel = context.RequestAborted;
        if (EndpointQuery.Parse(context.Request.Query, out var error) is not { } query)
        {
            await JsonResponses.ErrorAsync(context.Response, StatusCodes.Status400BadRequest, error!, cancel).ConfigureAwait(false);
            return;
        }
        if (query.HasRange)
        {
            query.UseRangeRequests(renames.Forward(state.Store.RequestsInRange(query.Since, query.Until)));
        }
        await JsonResponses.WriteAsync(context.Response, s => CatalogJsonWriter.Write(s, snapshot, clients, query), cancel).ConfigureAwait(false);
    }

    private static async Task Endpoint(HttpContext context, string id, CatalogState state, PendingRenames renames, ClientDirectory clients)
    {
        if (await SnapshotAsync(context, state) is not { } snapshot)
        {
            return;
        }
        var cancel = context.RequestAborted;
        var endpoint = snapshot.Endpoints.FirstOrDefault(e => e.Identity == id) ?? snapshot.StaticAssets.FirstOrDefault(e => e.Identity == id);
        if (endpoint is null)
        {
            await JsonResponses.ErrorAsync(context.Response, StatusCodes.Status404NotFound, $"no endpoint {id}", cancel).ConfigureAwait(false);
            return;
        }
        if (!EndpointQuery.Instant(context.Request.Query, "since", out var since, out var error) ||
            !EndpointQuery.Instant(context.Request.Query, "until", out var until, out error))
        {
            await JsonResponses.ErrorAsync(context.Response, StatusCodes.Status400BadRequest, error!, cancel).ConfigureAwait(false);
            return;
        }
        var usage = UsageOf(state.Store, renames.StoredAs(id), since, until);
        await JsonResponses.WriteAsync(context.Response, s => CatalogJsonWriter.WriteEndpoint(s, endpoint, clients, json => UsageJson.Write(json, usage)), cancel)
            .ConfigureAwait(false);
    }

    /// <summary>Hourly usage stored under any of <paramref name="ids"/> (one endpoint, some rows not yet renamed), summed per hour.</summary>
    private static IReadOnlyList<UsageBucket> UsageOf(CollectorStore store, IReadOnlyList<string> ids, DateTimeOffset? since, DateTimeOffset? until)
    {
        if (ids.Count == 1)
        {
            return store.Usage(ids[0], since, until);
        }
        return [.. ids.SelectMany(id => store.Usage(id, since, until))
            .GroupBy(u => u.HourStartMicros)
            .OrderBy(g => g.Key)
            .Select(g => new UsageBucket(ids[0], g.Key, g.Sum(u => u.Requests), g.Sum(u => u.Errors)))];
    }

    private static async Task Findings(HttpContext context, CatalogState state)
    {
        if (await SnapshotAsync(context, state) is null)
        {
            return;
        }
        var findings = state.Store.Findings();
        await JsonResponses.WriteAsync(context.Response, s => FindingsJsonWriter.Write(s, findings), context.RequestAborted).ConfigureAwait(false);
    }

    private static Task Sensors(HttpContext context, SensorRegistry sensors) =>
        JsonResponses.WriteAsync(context.Response, s => SensorsJsonWriter.Write(s, sensors.Sessions(), sensors.Forgotten), context.RequestAborted);

    /// <summary>The snapshot to serve, or null after answering 503 (state still being recovered).</summary>
    private static async Task<CatalogSnapshot?> SnapshotAsync(HttpContext context, CatalogState state)
    {
        if (state.Latest is { } snapshot)
        {
            return snapshot;
        }
        await JsonResponses.ErrorAsync(context.Response, StatusCodes.Status503ServiceUnavailable, "the collector is recovering its state", context.RequestAborted)
            .ConfigureAwait(false);
        return null;
    }
}
