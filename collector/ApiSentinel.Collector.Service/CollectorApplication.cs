using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes;
using ApiSentinel.Collector.Kubernetes.Catalog;
using ApiSentinel.Collector.Kubernetes.Configuration;
using ApiSentinel.Collector.Kubernetes.Namespaces;
using ApiSentinel.Collector.Kubernetes.Specs;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Collector.Reports;
using ApiSentinel.Collector.Service.Api;
using ApiSentinel.Collector.Service.Configuration;
using ApiSentinel.Collector.Service.Ingest;
using ApiSentinel.Collector.Service.Sensors;
using ApiSentinel.Collector.Service.State;
using ApiSentinel.Collector.Service.Telemetry;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Storage;
using ApiSentinel.Ingest.Interning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace ApiSentinel.Collector.Service;

/// <summary>
/// The collector composed: Kestrel with the gRPC ingest endpoint (HTTP/2 only: h2c, or TLS with optional client
/// certificates) and the HTTP API endpoint (HTTP/1.1: plain text, no ALPN for HTTP/2), the store, the catalog's lifecycle, JSON console logs.
/// Everything that can be checked before listening is checked here and fails with a <see cref="StartupException"/>:
/// token file, TLS files, client CA, specs, the state directory.
/// </summary>
public static class CollectorApplication
{
    public static WebApplication Build(CollectorOptions options, IConfiguration configuration, TimeProvider? time = null,
        KubernetesHost? kubernetesHost = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        time ??= TimeProvider.System;
        ListenAddress.TryParse(options.GrpcListen, out var grpcEndpoint);
        ListenAddress.TryParse(options.HttpListen, out var httpEndpoint);
        var (certificate, certificateChain) = LoadServerCertificate(options);
        var clientTrust = options.ClientCa is { Length: > 0 } ca ? ClientCertificateTrust.Load(ca) : null;
        var specs = LoadSpecs(options.Spec);
        var catalogOptions = new CatalogOptions { TimeProvider = time };
        foreach (var cidr in options.ClusterCidr)
        {
            catalogOptions.ClusterCidrs.Add(cidr);
        }
        ExposureClassifier exposure;
        try
        {
            exposure = new ExposureClassifier(catalogOptions.ClusterCidrs);
        }
        catch (ArgumentException e)
        {
            throw new StartupException("--cluster-cidr: " + e.Message, e);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "apisentinel-collector" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // A sensor that dies mid-stream is expected, yet gRPC logs it twice at Information with the IOException's stack
        // trace ("Error reading message.", "Service method 'Stream' canceled."); IngestService logs one line per ended
        // stream instead. Its Error events (a handler that failed) still pass.
        builder.Logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning);
        // The host logs a failed start ("Hosting failed to start", e.g. a port in use) with its stack trace; Program
        // reports it as one line instead. The host's only other error, a background service failing, cannot happen
        // unlogged: CatalogLifecycle and the Kubernetes sink catch and report their own failures (the watches count theirs).
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            Listen(kestrel, grpcEndpoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = certificate,
                        ServerCertificateChain = certificateChain,
                        ClientCertificateMode = clientTrust is null ? ClientCertificateMode.NoCertificate : ClientCertificateMode.AllowCertificate,
                        // Every client certificate passes the handshake and its verdict is kept for the stream's
                        // authentication, which refuses and counts: a failed handshake is neither counted nor clear to the sensor.
                        ClientCertificateValidation = clientTrust is null ? null : clientTrust.AcceptAndRecord,
                    });
                }
            });
            // HTTP/1.1 and HTTP/2 where HTTP/2 can be had: without TLS there is no ALPN, so Kestrel serves HTTP/1.1 on
            // this endpoint (and says so in a warning at every start, which is why it is not asked for here).
            Listen(kestrel, httpEndpoint, listen => listen.Protocols = HttpProtocols.Http1);
        });

        var services = builder.Services;
        services.AddSingleton(time);
        services.AddSingleton(options);
        services.AddSingleton(catalogOptions);
        services.AddSingleton(_ => specs!);
        services.AddSingleton(new ClientDirectory(exposure, geo: null));
        services.AddSingleton<FatalError>();
        services.AddSingleton<PendingRenames>();
        services.AddSingleton<SensorRegistry>();
        services.AddSingleton<SensorConfigs>();
        services.AddSingleton<WireInterner>(_ => new WireInterner());
        services.AddSingleton<BatchCodec>();
        services.AddSingleton(_ => new CatalogState(OpenStore(options, time)));
        services.AddSingleton(provider => options.TokenFile is { Length: > 0 } file
            ? new SensorToken(file, time, provider.GetRequiredService<ILogger<SensorToken>>())
            : null!);
        services.AddSingleton(_ => clientTrust!);
        services.AddSingleton<SensorAuthentication>();
        services.AddHostedService<CatalogLifecycle>();
        services.AddCollectorTelemetry(configuration);
        var kubernetes = AddKubernetes(services, options, kubernetesHost ?? KubernetesHost.Process);
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxMessageBytes;
            grpc.Interceptors.Add<SensorAuthentication>();
        });

        var app = builder.Build();
        // Resolved now, not on the first stream: an unreadable token file or a bad state directory fails the start.
        _ = app.Services.GetService<SensorToken>();
        _ = app.Services.GetRequiredService<CatalogState>();
        if (kubernetes)
        {
            app.Services.GetRequiredService<CollectorTelemetry>().ObserveKubernetes(
                app.Services.GetRequiredService<KubernetesSinkCounters>(), app.Services.GetRequiredService<WriteRateLimiter>());
            var namespaces = app.Services.GetRequiredService<ServerNamespaceWatch>();
            var specController = app.Services.GetRequiredService<ApiSpecController>();
            app.Services.GetRequiredService<CollectorTelemetry>().ObserveKubernetesWatches(
            [
                KeyValuePair.Create(KubernetesWatchedResources.Services, namespaces.ServiceCounters),
                KeyValuePair.Create(KubernetesWatchedResources.EndpointSlices, namespaces.SliceCounters),
                KeyValuePair.Create(KubernetesWatchedResources.ApiSpecs, specController.SpecWatch),
                KeyValuePair.Create(KubernetesWatchedResources.ConfigMaps, specController.ConfigMapWatch),
            ], specController.Counters);
        }
        app.MapGrpcService<IngestService>();
        app.MapCollectorApi();
        app.MapCollectorMetrics();
        return app;
    }

    /// <summary>
    /// The Kubernetes sink, when <c>--kubernetes</c> is not false and a cluster is found (or it is true, and then one
    /// must be): false when the collector runs without one. A kubeconfig that cannot be read is a <see cref="StartupException"/>.
    /// </summary>
    private static bool AddKubernetes(IServiceCollection services, CollectorOptions options, KubernetesHost host)
    {
        var sink = options.KubernetesSink();
        if (options.Kubernetes == false || (options.Kubernetes is null && KubernetesConnection.Find(sink.Kubeconfig, host) is null))
        {
            return false;
        }
        services.AddSingleton<ICatalogSource>(provider => provider.GetRequiredService<CatalogState>());
        try
        {
            services.AddKubernetesSink(sink, host);
        }
        catch (KubernetesConnectionException e)
        {
            throw new StartupException(e.Message, e);
        }
        return true;
    }

    /// <summary><c>*:PORT</c> (parsed as <c>[::]</c>) listens on IPv6 and IPv4 where there is IPv6, on IPv4 where there is not.</summary>
    private static void Listen(KestrelServerOptions kestrel, IPEndPoint endpoint, Action<ListenOptions> configure)
    {
        if (endpoint.Address.Equals(IPAddress.IPv6Any))
        {
            kestrel.ListenAnyIP(endpoint.Port, configure);
        }
        else
        {
            kestrel.Listen(endpoint, configure);
        }
    }

    private static CollectorStore OpenStore(CollectorOptions options, TimeProvider time)
    {
        try
        {
            return CollectorStore.Open(options.StateDir!, new CollectorStoreOptions { UsageRetention = options.UsageRetention }, time);
        }
        catch (CollectorStoreException e)
        {
            throw new StartupException(e.Message, e);
        }
    }

    /// <summary>The server certificate with its key, and the rest of the <c>--tls-cert</c> PEM bundle: the intermediates sent to sensors.</summary>
    private static (X509Certificate2? Certificate, X509Certificate2Collection? Chain) LoadServerCertificate(CollectorOptions options)
    {
        if (options.TlsCert is not { Length: > 0 } cert || options.TlsKey is not { Length: > 0 } key)
        {
            return (null, null);
        }
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(cert, key);
            var bundle = new X509Certificate2Collection();
            bundle.ImportFromPemFile(cert);
            var chain = new X509Certificate2Collection();
            foreach (var other in bundle)
            {
                if (other.RawDataMemory.Span.SequenceEqual(pem.RawDataMemory.Span))
                {
                    other.Dispose();
                }
                else
                {
                    chain.Add(other);
                }
            }
            // Exported and re-imported: an ephemeral PEM key cannot be used by the TLS stack on every platform.
            return (X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null), chain);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new StartupException($"--tls-cert {cert} / --tls-key {key}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    private static SpecIndex? LoadSpecs(IList<string> files)
    {
        if (files.Count == 0)
        {
            return null;
        }
        var index = new SpecIndex();
        foreach (var file in files)
        {
            try
            {
                index.Add(ApiSpec.Load(file));
            }
            catch (SpecException e)
            {
                throw new StartupException(e.Message, e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StartupException($"--spec {file}: {e.Message}", e);
            }
        }
        return index;
    }
}
