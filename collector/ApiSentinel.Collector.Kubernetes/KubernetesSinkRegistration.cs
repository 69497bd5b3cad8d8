using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Catalog;
using ApiSentinel.Collector.Kubernetes.Configuration;
using ApiSentinel.Collector.Kubernetes.Endpoints;
using ApiSentinel.Collector.Kubernetes.Events;
using ApiSentinel.Collector.Kubernetes.Namespaces;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Collector.Kubernetes.Specs;
using ApiSentinel.Collector.Kubernetes.Watching;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Collector.Reports;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Collector.Kubernetes;

/// <summary>
/// Wires the Kubernetes side into a host: the client (kubeconfig or in-cluster), the shared write limiter and
/// counters, the namespace watches and resolver, the ApiEndpoint sink and its Event recorder, and the ApiSpec controller. The host provides the
/// catalog (<see cref="ICatalogSource"/>) and may provide a <see cref="ClientDirectory"/> and a <see cref="TimeProvider"/>.
/// </summary>
public static class KubernetesSinkRegistration
{
    /// <summary>
    /// Registers the sink for the cluster <paramref name="options"/> name (its kubeconfig, else <c>KUBECONFIG</c>, else
    /// in-cluster). The client configuration is read now: a missing or unreadable kubeconfig, or no cluster at all,
    /// is one <see cref="KubernetesConnectionException"/> at start, not a failure later.
    /// </summary>
    public static IServiceCollection AddKubernetesSink(this IServiceCollection services, KubernetesSinkOptions options) =>
        services.AddKubernetesSink(options, KubernetesHost.Process);

    public static IServiceCollection AddKubernetesSink(this IServiceCollection services, KubernetesSinkOptions options, KubernetesHost host)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(host);
        if (options.Validate() is { } error)
        {
            throw new KubernetesConnectionException(error);
        }
        var connection = KubernetesConnection.Find(options.Kubeconfig, host)
            ?? throw new KubernetesConnectionException("no cluster: give --kubeconfig FILE or KUBECONFIG, or run in a pod with a service account (--kubernetes=false runs without)");
        var configuration = connection.BuildConfiguration();
        var fallbackNamespace = KubernetesConnection.OwnNamespace(options.Namespace, host);
        return services.AddKubernetesSink(options, configuration, fallbackNamespace);
    }

    /// <summary>Registers the sink against an explicit client configuration (tests: the fake API server's kubeconfig).</summary>
    public static IServiceCollection AddKubernetesSink(this IServiceCollection services, KubernetesSinkOptions options,
        KubernetesClientConfiguration configuration, string fallbackNamespace)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<IKubernetes>(_ => new k8s.Kubernetes(configuration));
        services.AddSingleton(sp => new WriteRateLimiter(options.Qps, options.Burst, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<KubernetesSinkCounters>();
        services.AddSingleton<ServerNamespaceResolver>();
        services.AddSingleton(sp =>
        {
            var kube = sp.GetRequiredService<IKubernetes>();
            var time = sp.GetRequiredService<TimeProvider>();
            return new ServerNamespaceWatch(
                KubernetesWatchSources.Services(kube, time), KubernetesWatchSources.EndpointSlices(kube, time),
                sp.GetRequiredService<ServerNamespaceResolver>(), time, sp.GetService<ILogger<ServerNamespaceWatch>>());
        });
        services.AddHostedService(sp => sp.GetRequiredService<ServerNamespaceWatch>());
        services.AddSingleton<IApiEndpointWriter>(sp => new KubernetesApiEndpointWriter(
            sp.GetRequiredService<IKubernetes>(), options.FieldManager, options.Instance, sp.GetRequiredService<WriteRateLimiter>()));
        services.AddSingleton<IEventWriter>(sp => new KubernetesEventWriter(sp.GetRequiredService<IKubernetes>()));
        services.AddSingleton(sp => new EndpointEventRecorder(
            sp.GetRequiredService<IEventWriter>(), sp.GetRequiredService<WriteRateLimiter>(), sp.GetRequiredService<KubernetesSinkCounters>(),
            KubernetesSinkDefaults.EventInterval, options.FieldManager, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var clients = sp.GetService<ClientDirectory>() ?? new ClientDirectory(new ExposureClassifier(), geo: null);
            return new EndpointProjector(
                (e, ns) => ApiEndpointProjection.Project(e, ns, clients, ProjectionBounds.Default),
                sp.GetRequiredService<ServerNamespaceResolver>(), fallbackNamespace, options.InactiveAfter, options.DeleteAfter, options.Instance);
        });
        services.AddSingleton(sp => new ApiEndpointSink(
            sp.GetRequiredService<ICatalogSource>(), sp.GetRequiredService<IApiEndpointWriter>(), sp.GetRequiredService<EndpointProjector>(),
            sp.GetRequiredService<ServerNamespaceResolver>(), sp.GetRequiredService<WriteRateLimiter>(),
            sp.GetRequiredService<KubernetesSinkCounters>(), sp.GetRequiredService<EndpointEventRecorder>(), options.FlushInterval,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ApiEndpointSink>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ApiEndpointSink>());
        // ApiSpec resources of every namespace feed the engine; their status refreshes at the sink's pace.
        services.AddSingleton(new ApiSpecWatchOptions { StatusRefreshInterval = options.FlushInterval, FieldManager = options.FieldManager });
        services.AddSingleton(sp => new ApiSpecController(
            sp.GetRequiredService<IKubernetes>(), sp.GetRequiredService<ICatalogSource>(), sp.GetRequiredService<WriteRateLimiter>(),
            sp.GetRequiredService<ApiSpecWatchOptions>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ApiSpecController>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ApiSpecController>());
        return services;
    }
}
