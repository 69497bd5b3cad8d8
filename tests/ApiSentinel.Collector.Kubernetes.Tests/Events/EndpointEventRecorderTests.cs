using System.Net;
using ApiSentinel.Collector.Kubernetes.Events;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Kubernetes.Tests.Events;

public class EndpointEventRecorderTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    private static V1Alpha1ApiEndpoint Endpoint(bool shadow, string risk) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "shop-example-get-users-id-0123",
            NamespaceProperty = "shop",
            Labels = new Dictionary<string, string>
            {
                [ApiSentinelLabels.Shadow] = ApiSentinelLabels.Of(shadow),
                [ApiSentinelLabels.Risk] = risk,
            },
        },
        Spec = new ApiEndpointSpec { Host = "shop.example", Method = "GET", Path = "/users/{id}" },
        Status = new ApiEndpointStatus { Risk = new ApiEndpointRisk { Score = 81, Level = risk } },
    };

    private static Dictionary<string, string> Labels(bool shadow, string risk) => new()
    {
        [ApiSentinelLabels.Shadow] = ApiSentinelLabels.Of(shadow),
        [ApiSentinelLabels.Risk] = risk,
    };

    private static (EndpointEventRecorder Recorder, EventStore Store, KubernetesSinkCounters Counters, FakeTimeProvider Time) Recorder()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        var store = new EventStore();
        var counters = new KubernetesSinkCounters();
        return (new EndpointEventRecorder(store, new WriteRateLimiter(100, 100, time), counters, Interval, "apisentinel-collector", time), store, counters, time);
    }

    [Fact]
    public async Task Sends_older_than_the_interval_are_forgotten()
    {
        var (recorder, _, _, time) = Recorder();
        for (var i = 0; i < 50; i++)
        {
            var endpoint = Endpoint(shadow: true, risk: "low");
            endpoint.Metadata.Name = $"endpoint-{i}";
            await recorder.EndpointWrittenAsync(endpoint, $"uid-{i}", previous: null, default);
        }
        Assert.Equal(50, recorder.Remembered);
        time.Advance(Interval);
        var next = Endpoint(shadow: true, risk: "low");
        next.Metadata.Name = "endpoint-new";
        await recorder.EndpointWrittenAsync(next, "uid-new", previous: null, default);
        Assert.Equal(1, recorder.Remembered);
    }

    [Fact]
    public async Task A_new_shadow_endpoint_at_critical_risk_gets_one_event_of_each_reason_on_the_resource()
    {
        var (recorder, store, counters, _) = Recorder();
        await recorder.EndpointWrittenAsync(Endpoint(shadow: true, risk: "critical"), "uid-1", previous: null, default);
        Assert.Equal([EventReasons.HighRiskEndpoint, EventReasons.ShadowEndpoint], store.Events.Values.Select(e => e.Reason).Order());
        Assert.All(store.Events.Values, e =>
        {
            // The uid the server gave the object: kubectl describe selects Events by it.
            Assert.Equal(("ApiEndpoint", "shop-example-get-users-id-0123", "shop", "uid-1"), (e.InvolvedObject.Kind, e.InvolvedObject.Name, e.InvolvedObject.NamespaceProperty, e.InvolvedObject.Uid));
            Assert.Equal((EventReasons.Warning, "apisentinel-collector", 1), (e.Type, e.Source.Component, e.Count));
        });
        Assert.Contains("GET shop.example/users/{id}", store.Events.Values.First().Message, StringComparison.Ordinal);
        Assert.Equal(2, counters.EventsCreated);
    }

    [Fact]
    public async Task No_event_without_a_transition_so_a_restart_is_no_storm()
    {
        var (recorder, store, _, _) = Recorder();
        await recorder.EndpointWrittenAsync(Endpoint(shadow: true, risk: "high"), "uid-1", Labels(shadow: true, risk: "high"), default);
        await recorder.EndpointWrittenAsync(Endpoint(shadow: false, risk: "medium"), "uid-1", null, default);
        await recorder.EndpointWrittenAsync(Endpoint(shadow: false, risk: "high"), "uid-1", Labels(shadow: false, risk: "critical"), default);
        Assert.Empty(store.Events);
    }

    [Fact]
    public async Task Repeats_within_the_interval_are_suppressed_and_later_ones_raise_the_count()
    {
        var (recorder, store, counters, time) = Recorder();
        await recorder.EndpointWrittenAsync(Endpoint(shadow: true, risk: "low"), "uid-1", null, default);
        await recorder.EndpointWrittenAsync(Endpoint(shadow: true, risk: "low"), "uid-1", Labels(shadow: false, risk: "low"), default);
        Assert.Equal(1, counters.EventsSuppressed);
        time.Advance(Interval);
        await recorder.EndpointWrittenAsync(Endpoint(shadow: true, risk: "low"), "uid-1", Labels(shadow: false, risk: "low"), default);
        var single = Assert.Single(store.Events.Values);
        Assert.Equal(2, single.Count);
        Assert.Equal(time.GetUtcNow().UtcDateTime, single.LastTimestamp);
        Assert.Equal(1, counters.EventsUpdated);
    }

    [Fact]
    public async Task A_restarted_recorder_folds_into_the_event_its_previous_run_wrote()
    {
        var (first, store, _, time) = Recorder();
        await first.EndpointWrittenAsync(Endpoint(shadow: true, risk: "low"), "uid-1", null, default);
        var restarted = new EndpointEventRecorder(store, new WriteRateLimiter(100, 100, time), new KubernetesSinkCounters(), Interval, "apisentinel-collector", time);
        await restarted.EndpointWrittenAsync(Endpoint(shadow: true, risk: "low"), "uid-1", null, default);
        Assert.Equal(2, Assert.Single(store.Events.Values).Count);
    }

    [Fact]
    public async Task A_failing_server_is_counted_and_never_thrown_to_the_sink()
    {
        var (recorder, store, counters, _) = Recorder();
        store.Fail = 503;
        await recorder.EndpointWrittenAsync(Endpoint(shadow: true, risk: "low"), "uid-1", null, default);
        Assert.Equal((1, 1), (counters.EventsFailed, counters.FailuresOf(WriteFailureReasons.ServerError)));
    }

    /// <summary>Events by name, with the API server's 409 on a second create of the same name.</summary>
    private static V1Alpha1ApiEndpoint WithFindings(params (string Kind, string Severity)[] findings)
    {
        var e = Endpoint(shadow: false, risk: "high");
        e.Status!.Findings = [.. findings.Select(f => new ApiEndpointFinding { Kind = f.Kind, Severity = f.Severity })];
        return e;
    }

    [Fact]
    public async Task A_high_or_critical_finding_gets_one_event_per_kind_on_the_resource_and_a_medium_one_none()
    {
        var (recorder, store, _, _) = Recorder();
        await recorder.StatusWrittenAsync(WithFindings(("scanner", "high"), ("enumeration", "critical"), ("auth-failure-burst", "medium")), "uid-1", default);

        var events = store.Events.Values.OrderBy(e => e.Metadata.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["shop-example-get-users-id-0123.highriskfinding-enumeration", "shop-example-get-users-id-0123.highriskfinding-scanner"],
            events.Select(e => e.Metadata.Name));
        Assert.All(events, e => Assert.Equal((EventReasons.HighRiskFinding, "uid-1", "shop"), (e.Reason, e.InvolvedObject.Uid, e.InvolvedObject.NamespaceProperty)));
        Assert.Contains("critical enumeration finding", events[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finding_that_stays_is_reported_once_and_one_that_comes_back_after_a_restart_is_not_counted_twice()
    {
        var (recorder, store, counters, time) = Recorder();
        await recorder.StatusWrittenAsync(WithFindings(("scanner", "high")), "uid-1", default);
        time.Advance(Interval * 2);
        await recorder.StatusWrittenAsync(WithFindings(("scanner", "high")), "uid-1", default);
        Assert.Single(store.Events);
        Assert.Equal(1, store.Events.Values.Single().Count);

        // A restarted collector knows nothing of what it reported: the Event's name exists, so it is the same finding.
        var restarted = new EndpointEventRecorder(store, new WriteRateLimiter(100, 100, time), counters, Interval, "apisentinel-collector", time);
        await restarted.StatusWrittenAsync(WithFindings(("scanner", "high")), "uid-1", default);
        Assert.Single(store.Events);
        Assert.Equal(1, store.Events.Values.Single().Count);
    }

    [Fact]
    public async Task A_finding_kind_that_went_away_and_came_back_is_reported_again()
    {
        var (recorder, store, _, time) = Recorder();
        await recorder.StatusWrittenAsync(WithFindings(("scanner", "high")), "uid-1", default);
        await recorder.StatusWrittenAsync(WithFindings(), "uid-1", default);
        time.Advance(Interval * 2);
        store.Events.Clear();
        await recorder.StatusWrittenAsync(WithFindings(("scanner", "critical")), "uid-1", default);
        Assert.Equal(EventReasons.HighRiskFinding, Assert.Single(store.Events.Values).Reason);
    }

    private sealed class EventStore : IEventWriter
    {
        public Dictionary<string, Corev1Event> Events { get; } = new(StringComparer.Ordinal);

        public int? Fail { get; set; }

        public Task CreateAsync(Corev1Event item, CancellationToken cancellationToken)
        {
            Check();
            if (!Events.TryAdd(item.Metadata.Name, item))
            {
                throw Failure(409);
            }
            return Task.CompletedTask;
        }

        public Task<Corev1Event?> ReadAsync(string @namespace, string name, CancellationToken cancellationToken)
        {
            Check();
            return Task.FromResult(Events.GetValueOrDefault(name));
        }

        public Task ReplaceAsync(Corev1Event item, CancellationToken cancellationToken)
        {
            Check();
            Events[item.Metadata.Name] = item;
            return Task.CompletedTask;
        }

        private void Check()
        {
            if (Fail is { } status)
            {
                throw Failure(status);
            }
        }

        private static HttpOperationException Failure(int status)
        {
            using var message = new HttpResponseMessage((HttpStatusCode)status);
            return new HttpOperationException("HTTP " + status) { Response = new HttpResponseMessageWrapper(message, "") };
        }
    }
}
