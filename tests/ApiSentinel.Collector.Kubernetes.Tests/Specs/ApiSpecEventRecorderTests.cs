using ApiSentinel.Collector.Kubernetes.Events;
using ApiSentinel.Collector.Kubernetes.Specs;
using ApiSentinel.Collector.Kubernetes.Tests.Watching;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Crds.ApiSpecs;
using ApiSentinel.FakeApiServer.Http;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Kubernetes.Tests.Specs;

public sealed class ApiSpecEventRecorderTests
{
    private static readonly V1Alpha1ApiSpec Shop = new()
    {
        Metadata = new V1ObjectMeta { Name = "shop", NamespaceProperty = "default", Uid = "uid-1" },
    };

    [Fact]
    public async Task A_repeat_within_the_interval_is_counted_not_written_and_a_later_one_counts_the_event_up()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        var counters = new ApiSpecControllerCounters();
        var recorder = new ApiSpecEventRecorder(new KubernetesEventWriter(cluster.Kube), new WriteRateLimiter(100, 100, time), time, TimeSpan.FromMinutes(5),
            "apisentinel-collector", counters);

        await recorder.InvalidAsync(Shop, EventReasons.InvalidApiSpec, "bad document", CancellationToken.None);
        await recorder.InvalidAsync(Shop, EventReasons.InvalidApiSpec, "bad document", CancellationToken.None);
        Assert.Equal((1, 1), (counters.Events, counters.EventsSuppressed));
        var created = Assert.Single(Events(cluster));
        Assert.Equal((1, "Warning", "apisentinel-collector", "uid-1"), (created.Count, created.Type, created.Source.Component, created.InvolvedObject.Uid));

        time.Advance(TimeSpan.FromMinutes(6));
        await recorder.InvalidAsync(Shop, EventReasons.InvalidApiSpec, "bad document", CancellationToken.None);
        var counted = Assert.Single(Events(cluster));
        Assert.Equal((2, created.Metadata.Name), (counted.Count, counted.Metadata.Name));
        Assert.Equal(time.GetUtcNow().UtcDateTime, counted.LastTimestamp);

        // Another message is another Event.
        await recorder.InvalidAsync(Shop, EventReasons.InvalidApiSpec, "another problem", CancellationToken.None);
        Assert.Equal(2, Events(cluster).Count);
    }

    [Fact]
    public async Task A_recorder_that_forgot_an_event_counts_the_existing_one_up()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        foreach (var _ in Enumerable.Range(0, 2))
        {
            // A new recorder each time, as after a restart: the name, derived from the message, finds the Event again.
            var recorder = new ApiSpecEventRecorder(new KubernetesEventWriter(cluster.Kube), new WriteRateLimiter(100, 100, time), time, TimeSpan.FromMinutes(5),
                "apisentinel-collector", new ApiSpecControllerCounters());
            await recorder.InvalidAsync(Shop, EventReasons.InvalidApiSpec, "bad document", CancellationToken.None);
        }
        Assert.Equal(2, Assert.Single(Events(cluster)).Count);
        // Create, then on the 409 get and update: the verbs the collector's role grants on events (no patch).
        Assert.Equal([KubeVerbs.Create, KubeVerbs.Create, KubeVerbs.Get, KubeVerbs.Update],
            cluster.Server.Requests.Where(r => r.Plural == "events").Select(r => r.Verb));
    }

    [Fact]
    public async Task An_apispec_created_again_under_the_same_name_is_not_rate_limited_and_the_event_points_at_it()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        var counters = new ApiSpecControllerCounters();
        var recorder = new ApiSpecEventRecorder(new KubernetesEventWriter(cluster.Kube), new WriteRateLimiter(100, 100, time), time,
            TimeSpan.FromMinutes(5), "apisentinel-collector", counters);
        var again = new V1Alpha1ApiSpec { Metadata = new V1ObjectMeta { Name = "shop", NamespaceProperty = "default", Uid = "uid-2" } };

        await recorder.InvalidAsync(Shop, EventReasons.InvalidApiSpec, "bad document", CancellationToken.None);
        await recorder.InvalidAsync(again, EventReasons.InvalidApiSpec, "bad document", CancellationToken.None);

        Assert.Equal((2, 0), (counters.Events, counters.EventsSuppressed));
        var counted = Assert.Single(Events(cluster));
        Assert.Equal((2, "uid-2"), (counted.Count, counted.InvolvedObject.Uid));
    }

    [Fact]
    public void Event_names_are_stable_dns_names_whatever_the_apispecs_name()
    {
        var name = ApiSpecEventRecorder.EventName(new string('a', 253), "InvalidApiSpec", "bad");
        Assert.True(name.Length <= 253);
        Assert.Equal(name, ApiSpecEventRecorder.EventName(new string('a', 253), "InvalidApiSpec", "bad"));
        Assert.NotEqual(name, ApiSpecEventRecorder.EventName(new string('a', 253), "InvalidApiSpec", "worse"));
        Assert.Matches("^shop\\.[0-9a-f]{16}$", ApiSpecEventRecorder.EventName("shop", "InvalidApiSpec", "bad"));
    }

    private static List<Corev1Event> Events(FakeCluster cluster) =>
        [.. cluster.Server.List("v1", "events", "default").Select(e => KubernetesJson.Deserialize<Corev1Event>(e.ToJsonString()))];
}
