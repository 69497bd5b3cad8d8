using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Endpoints;
using ApiSentinel.Collector.Kubernetes.Events;
using ApiSentinel.Collector.Kubernetes.Namespaces;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Collector.Reports;
using ApiSentinel.Crds.ApiEndpoints;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>A sink over the real projection, a real catalog and a writer of the test's choice, on a fake clock.</summary>
internal static class SinkFixture
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan InactiveAfter = TimeSpan.FromHours(24);
    public static readonly TimeSpan DeleteAfter = TimeSpan.FromDays(7);
    public const string Fallback = "apisentinel";

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    public static V1Alpha1ApiEndpoint Project(EndpointSnapshot e, string ns) =>
        ApiEndpointProjection.Project(e, ns, new ClientDirectory(new ExposureClassifier(), geo: null), ProjectionBounds.Default);

    public static ApiEndpointSink Sink(
        TestCatalog catalog,
        IApiEndpointWriter writer,
        FakeTimeProvider time,
        KubernetesSinkCounters? counters = null,
        ServerNamespaceResolver? resolver = null,
        EndpointEventRecorder? events = null,
        WriteRateLimiter? limiter = null,
        string instance = ApiSentinel.Collector.Kubernetes.Configuration.KubernetesSinkDefaults.Instance,
        Microsoft.Extensions.Logging.ILogger<ApiEndpointSink>? log = null)
    {
        resolver ??= Synced(new ServerNamespaceResolver());
        return new ApiEndpointSink(
            catalog, writer,
            new EndpointProjector(Project, resolver, Fallback, InactiveAfter, DeleteAfter, instance),
            resolver,
            limiter ?? new WriteRateLimiter(1000, 10_000, time),
            counters ?? new KubernetesSinkCounters(),
            events,
            Interval,
            time,
            log ?? NullLogger<ApiEndpointSink>.Instance,
            new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(7)));
    }

    public static ServerNamespaceResolver Synced(ServerNamespaceResolver resolver)
    {
        resolver.ServicesSynced();
        resolver.SlicesSynced();
        return resolver;
    }
}
