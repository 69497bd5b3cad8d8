using ApiSentinel.Collector.Kubernetes.Endpoints;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Crds.ApiEndpoints;
using ApiSentinel.Contract;
using Microsoft.Extensions.Time.Testing;
using static ApiSentinel.Collector.Kubernetes.Tests.Endpoints.SinkFixture;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>
/// Writes slower than the change rate (each request takes 300 ms of the fake clock, so a flush of 20 new endpoints —
/// 40 requests — cannot finish in its 10 s): every endpoint eventually, none twice per interval, what is left first.
/// </summary>
public class RateLimitedSinkTests
{
    private static readonly string[] Words =
    [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett",
        "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
    ];

    [Fact]
    public async Task Below_the_change_rate_every_endpoint_is_written_eventually_and_none_twice_per_interval()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var inner = new InMemoryApiEndpointWriter();
        var writer = new TimedWriter(inner, time);
        var counters = new KubernetesSinkCounters();
        var sink = Sink(catalog, writer, time, counters);
        await sink.RestoreAsync(default);
        ApiCall[] Traffic() => [.. Words.Select(w => catalog.Call("GET", "/items", host: w + ".example"))];
        var snapshot = await catalog.IngestAsync(Traffic());
        Assert.Equal(Words.Length, snapshot.Endpoints.Count);

        var first = await sink.FlushAsync(catalog.Owner.Latest, default);
        Assert.True(first < 40);
        Assert.Equal(1, counters.FlushesCut);
        var unwritten = snapshot.Endpoints.Select(e => e.Identity).Except(inner.Objects.Keys.Select(k => k.Name)).ToHashSet();
        Assert.NotEmpty(unwritten);

        // Every endpoint changes again before each flush: still, the ones not yet written go first.
        await catalog.IngestAsync(Traffic());
        var before = writer.Times.Count;
        await sink.FlushAsync(catalog.Owner.Latest, default);
        var next = writer.Times.Skip(before).Take(unwritten.Count * 2).Select(t => t.Key.Name).ToHashSet();
        Assert.Equal(unwritten, next);

        for (var flush = 0; flush < 10 && sink.Pending > 0; flush++)
        {
            await catalog.IngestAsync(Traffic());
            await sink.FlushAsync(catalog.Owner.Latest, default);
        }
        Assert.Equal(snapshot.Endpoints.Count, inner.Objects.Count);
        // Each endpoint's statuses at least a flush interval apart, however often it changed.
        foreach (var group in writer.Times.Where(t => t.Verb == InMemoryApiEndpointWriter.ApplyStatus).GroupBy(t => t.Key))
        {
            var at = group.Select(g => g.At).Order().ToList();
            for (var i = 1; i < at.Count; i++)
            {
                Assert.True(at[i] - at[i - 1] >= Interval, $"{group.Key}: statuses {at[i - 1]:O} and {at[i]:O}");
            }
        }
    }

    /// <summary>Records when (on the fake clock) each request reached the server; each takes 300 ms of it.</summary>
    private sealed class TimedWriter(InMemoryApiEndpointWriter inner, FakeTimeProvider time) : IApiEndpointWriter
    {
        private readonly Lock _gate = new();

        public List<(string Verb, ResourceKey Key, DateTimeOffset At)> Times { get; } = [];

        public Task<IReadOnlyList<V1Alpha1ApiEndpoint>> ListManagedAsync(CancellationToken ct) => inner.ListManagedAsync(ct);

        public Task<string?> ApplyAsync(V1Alpha1ApiEndpoint resource, CancellationToken ct)
        {
            Record(InMemoryApiEndpointWriter.Apply, resource);
            return inner.ApplyAsync(resource, ct);
        }

        public Task<string?> ApplyStatusAsync(V1Alpha1ApiEndpoint resource, CancellationToken ct)
        {
            Record(InMemoryApiEndpointWriter.ApplyStatus, resource);
            return inner.ApplyStatusAsync(resource, ct);
        }

        public Task DeleteAsync(ResourceKey key, CancellationToken ct) => inner.DeleteAsync(key, ct);

        private void Record(string verb, V1Alpha1ApiEndpoint resource)
        {
            lock (_gate)
            {
                Times.Add((verb, new ResourceKey(resource.Metadata.NamespaceProperty, resource.Metadata.Name), time.GetUtcNow()));
            }
            time.Advance(TimeSpan.FromMilliseconds(300));
        }
    }
}
