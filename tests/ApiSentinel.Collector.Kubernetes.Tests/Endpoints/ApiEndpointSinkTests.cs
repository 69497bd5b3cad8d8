using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Collector.Kubernetes.Endpoints;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using static ApiSentinel.Collector.Kubernetes.Tests.Endpoints.InMemoryApiEndpointWriter;
using static ApiSentinel.Collector.Kubernetes.Tests.Endpoints.SinkFixture;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

public class ApiEndpointSinkTests
{
    [Fact]
    public async Task The_first_flush_writes_each_endpoint_and_a_second_with_no_change_writes_nothing()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter();
        var counters = new KubernetesSinkCounters();
        var sink = Sink(catalog, writer, time, counters);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/users/1"), catalog.Call("POST", "/orders"));

        Assert.True(await sink.RestoreAsync(default));
        Assert.Equal(4, await sink.FlushAsync(snapshot, default));
        Assert.Equal((2, 2), (writer.Count(Apply), writer.Count(ApplyStatus)));
        Assert.Equal((2, 2), (counters.Applies, counters.StatusWrites));
        foreach (var endpoint in snapshot.Endpoints)
        {
            var written = writer.Objects[new ResourceKey(Fallback, endpoint.Identity)];
            Assert.Equal(ProjectionMarker.Of(endpoint.ChangeMarker, Fallback, "", ProjectionBounds.Default), written.Status!.ChangeMarker);
            Assert.Equal(ApiSentinelLabels.ManagedByCollector, written.Metadata.Labels[ApiSentinelLabels.ManagedBy]);
            Assert.Equal(endpoint.Risk.Level, written.Metadata.Labels[ApiSentinelLabels.Risk]);
        }

        time.Advance(Interval);
        Assert.Equal(0, await sink.FlushAsync(await catalog.Owner.BuildAsync(), default));
        Assert.Equal(0, sink.Pending);
    }

    [Fact]
    public async Task A_new_call_rewrites_only_its_endpoint_status()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter();
        var sink = Sink(catalog, writer, time);
        await sink.RestoreAsync(default);
        await sink.FlushAsync(await catalog.IngestAsync(catalog.Call("GET", "/users/1"), catalog.Call("POST", "/orders")), default);
        writer.Requests.Clear();

        time.Advance(Interval);
        var snapshot = await catalog.IngestAsync(catalog.Call("POST", "/orders"));
        await sink.FlushAsync(snapshot, default);
        var orders = snapshot.Endpoints.Single(e => e.Key.Method == "POST").Identity;
        Assert.Equal([(ApplyStatus, new ResourceKey(Fallback, orders))], writer.Requests);
    }

    [Fact]
    public async Task A_restarted_sink_with_the_same_catalog_writes_nothing()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter();
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/users/1"), catalog.Call("POST", "/orders"), catalog.Call("GET", "/health"));
        var first = Sink(catalog, writer, time);
        await first.RestoreAsync(default);
        await first.FlushAsync(snapshot, default);
        writer.Requests.Clear();

        var restarted = Sink(catalog, writer, time);
        Assert.True(await restarted.RestoreAsync(default));
        Assert.Equal(0, await restarted.FlushAsync(snapshot, default));
        Assert.Equal([(List, default(ResourceKey))], writer.Requests);
        Assert.Equal(3, restarted.Resources);
    }

    [Fact]
    public async Task A_merge_into_a_spec_template_deletes_the_superseded_resources()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter();
        var sink = Sink(catalog, writer, time);
        await sink.RestoreAsync(default);
        await catalog.Owner.SetSpecAsync("teams", Teams.Literal);
        var before = await catalog.IngestAsync(catalog.Call("GET", "/teams/alpha"), catalog.Call("GET", "/teams/beta"));
        Assert.Equal(2, before.Endpoints.Count);
        await sink.FlushAsync(before, default);
        Assert.Equal(2, writer.Objects.Count);

        await catalog.Owner.SetSpecAsync("teams", Teams.Templated);
        time.Advance(Interval);
        var after = await catalog.Owner.BuildAsync();
        var survivor = Assert.Single(after.Endpoints);
        await sink.FlushAsync(after, default);

        Assert.Equal([new ResourceKey(Fallback, survivor.Identity)], writer.Objects.Keys);
        Assert.Equal(2, writer.Count(Delete));
        Assert.DoesNotContain(before.Endpoints, e => e.Identity == survivor.Identity);
    }

    [Fact]
    public async Task An_endpoint_unseen_for_the_inactive_time_is_marked_inactive_and_later_deleted()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter();
        var sink = Sink(catalog, writer, time);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/users/1"));
        await sink.FlushAsync(snapshot, default);
        var key = new ResourceKey(Fallback, snapshot.Endpoints[0].Identity);

        // Unseen is measured on the traffic's clock: other endpoints' calls move it on.
        time.Advance(InactiveAfter);
        snapshot = await catalog.IngestAsync(catalog.Call("GET", "/health"));
        await sink.FlushAsync(snapshot, default);
        Assert.Equal(EndpointStates.Inactive, writer.Objects[key].Metadata.Labels[ApiSentinelLabels.State]);
        Assert.Equal(EndpointStates.Inactive, writer.Objects[key].Status!.State);

        time.Advance(DeleteAfter - InactiveAfter);
        snapshot = await catalog.IngestAsync(catalog.Call("GET", "/health"));
        await sink.FlushAsync(snapshot, default);
        Assert.False(writer.Objects.ContainsKey(key));
    }

    [Fact]
    public async Task A_catalog_whose_traffic_stopped_ages_nothing_however_late_the_wall_clock_is()
    {
        // A replayed capture recorded long ago, or a fleet that went silent: no call says any endpoint went away.
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter();
        var sink = Sink(catalog, writer, time);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/users/1"), catalog.Call("GET", "/health"));
        await sink.FlushAsync(snapshot, default);

        time.Advance(DeleteAfter * 3);
        await sink.FlushAsync(snapshot, default);

        Assert.Equal(snapshot.Endpoints.Count, writer.Objects.Count);
        Assert.All(writer.Objects.Values, o => Assert.Equal(EndpointStates.Active, o.Status!.State));
        Assert.Equal(0, writer.Count(Delete));
    }

    [Fact]
    public async Task A_server_returning_503_pauses_the_whole_sink_and_on_recovery_every_endpoint_is_written()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter { Fault = static (verb, _) => verb == List ? null : 503 };
        var counters = new KubernetesSinkCounters();
        var sink = Sink(catalog, writer, time, counters);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync([.. "abcd".Select(c => catalog.Call("GET", "/items", host: $"{c}.example"))]);
        Assert.Equal(4, snapshot.Endpoints.Count);

        // One request, then the pause: not one request per endpoint against a failing server.
        Assert.Equal(1, await sink.FlushAsync(snapshot, default));
        Assert.True(sink.PausedUntil > time.GetUtcNow());
        var requests = writer.Requests.Count;
        for (var i = 0; i < 20; i++)
        {
            var paused = time.GetUtcNow() < sink.PausedUntil;
            await sink.FlushAsync(snapshot, default);
            if (!paused)
            {
                Assert.True(writer.Requests.Count > requests);
                requests = writer.Requests.Count;
            }
            else
            {
                Assert.Equal(requests, writer.Requests.Count);
            }
            time.Advance(TimeSpan.FromSeconds(1));
        }
        // Consecutive pauses grow (with jitter: each at least half its ceiling), capped.
        Assert.True(counters.Backoffs >= 3);
        Assert.True(sink.PausedUntil - time.GetUtcNow() <= TimeSpan.FromSeconds(30));
        Assert.Equal(counters.Backoffs, counters.FailuresOf(WriteFailureReasons.ServerError));

        writer.Fault = static (_, _) => null;
        time.Advance(TimeSpan.FromSeconds(31));
        await sink.FlushAsync(snapshot, default);
        Assert.Equal(snapshot.Endpoints.Count, writer.Objects.Count);
        Assert.All(writer.Objects.Values, o => Assert.NotNull(o.Status?.ChangeMarker));
        Assert.Equal(0, sink.Pending);
        Assert.True(counters.Retries >= 1);
    }

    [Fact]
    public async Task A_429_with_retry_after_pauses_at_least_that_long()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var failures = 0;
        var writer = new InMemoryApiEndpointWriter();
        writer.Fault = (verb, _) => verb == List || failures++ > 0 ? null : 429;
        var sink = Sink(catalog, new RetryAfterWriter(writer, 20), time);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/a"));
        await sink.FlushAsync(snapshot, default);
        Assert.True(sink.PausedUntil - time.GetUtcNow() >= TimeSpan.FromSeconds(20));
        time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(0, await sink.FlushAsync(snapshot, default));
        time.Advance(TimeSpan.FromSeconds(20));
        await sink.FlushAsync(snapshot, default);
        Assert.Single(writer.Objects);
    }

    [Fact]
    public async Task A_list_failure_at_start_writes_nothing_until_the_list_succeeds()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter { Fault = static (verb, _) => verb == List ? 503 : null };
        var sink = Sink(catalog, writer, time);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/a"));
        Assert.False(await sink.RestoreAsync(default));
        Assert.Equal(0, await sink.FlushAsync(snapshot, default));
        writer.Fault = static (_, _) => null;
        Assert.True(await sink.RestoreAsync(default));
        Assert.Equal(2, await sink.FlushAsync(snapshot, default));
    }

    [Fact]
    public async Task A_rejected_object_backs_off_alone_while_the_others_are_written()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter();
        var counters = new KubernetesSinkCounters();
        var sink = Sink(catalog, writer, time, counters);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/a"), catalog.Call("GET", "/b"));
        var bad = new ResourceKey(Fallback, snapshot.Endpoints.Single(e => e.Key.PathTemplate == "/a").Identity);
        writer.Fault = (verb, key) => key == bad ? 422 : null;

        await sink.FlushAsync(snapshot, default);
        Assert.Single(writer.Objects);
        Assert.Equal(DateTimeOffset.MinValue, sink.PausedUntil);
        Assert.Equal(1, counters.FailuresOf(WriteFailureReasons.Invalid));
        var attempts = writer.Requests.Count(r => r.Key == bad);
        await sink.FlushAsync(snapshot, default);
        Assert.Equal(attempts, writer.Requests.Count(r => r.Key == bad));

        writer.Fault = static (_, _) => null;
        time.Advance(TimeSpan.FromSeconds(2));
        await sink.FlushAsync(snapshot, default);
        Assert.Equal(2, writer.Objects.Count);
    }

    [Fact]
    public async Task A_resource_deleted_behind_the_sinks_back_is_created_again()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter();
        var sink = Sink(catalog, writer, time);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/a"));
        await sink.FlushAsync(snapshot, default);
        var key = Assert.Single(writer.Objects.Keys);
        writer.RemoveBehindTheSinksBack(key);

        time.Advance(Interval);
        await sink.FlushAsync(await catalog.IngestAsync(catalog.Call("GET", "/a")), default);
        time.Advance(Interval);
        await sink.FlushAsync(catalog.Owner.Latest, default);
        Assert.True(writer.Objects.ContainsKey(key));
        Assert.NotNull(writer.Objects[key].Status);
    }

    /// <summary>Adds a Retry-After to every 429 the inner writer's fault raises.</summary>
    private sealed class RetryAfterWriter(InMemoryApiEndpointWriter inner, int seconds) : IApiEndpointWriter
    {
        public Task<IReadOnlyList<V1Alpha1ApiEndpoint>> ListManagedAsync(CancellationToken ct) => inner.ListManagedAsync(ct);

        public async Task<string?> ApplyAsync(V1Alpha1ApiEndpoint resource, CancellationToken ct)
        {
            string? uid = null;
            await With429(async () => uid = await inner.ApplyAsync(resource, ct));
            return uid;
        }

        public async Task<string?> ApplyStatusAsync(V1Alpha1ApiEndpoint resource, CancellationToken ct)
        {
            string? uid = null;
            await With429(async () => uid = await inner.ApplyStatusAsync(resource, ct));
            return uid;
        }

        public Task DeleteAsync(ResourceKey key, CancellationToken ct) => With429(() => inner.DeleteAsync(key, ct));

        private async Task With429(Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (k8s.Autorest.HttpOperationException e) when ((int)e.Response.StatusCode == 429)
            {
                throw Failure(429, seconds);
            }
        }
    }
}
