using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Catalog;
using ApiSentinel.Collector.Kubernetes.Events;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Collector.Kubernetes.Watching;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Crds.ApiSpecs;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// Feeds <c>ApiSpec</c> resources to the catalog at run time and reports back on them. Watches ApiSpecs and the
/// ConfigMaps they can reference (in <see cref="ApiSpecWatchOptions.Namespace"/>, or all namespaces) with
/// <see cref="ResourceWatcher{T}"/>s — watched, never polled — and reconciles one ApiSpec at a time from a coalescing
/// queue.
/// </summary>
/// <remarks>
/// <para>A reconcile resolves the document (<see cref="SpecDocumentResolver"/>) and the hosts (<see cref="SpecHosts"/>);
/// when either changed since the last one (a hash, so an ApiSpec's own status write or an unrelated edit parses
/// nothing), it parses the document with the engine within <see cref="ApiSpecWatchOptions.Budget"/> and hands the spec
/// to the catalog's owner under the id <c>NAMESPACE/NAME</c> — or, when the document is invalid or missing, takes the
/// id's spec out (the catalog goes back to inference for those hosts; a stale spec would misreport conformance).
/// Deleting the ApiSpec takes its spec out too. A hostile or oversized document is an <c>Invalid</c> status with the
/// parser's message, never a crash: the engine's loader is bounded, and anything it throws is caught here.</para>
/// <para>Status (<see cref="ApiSpecStatusBuilder"/>, written by <see cref="ApiSpecStatusWriter"/>): only when it
/// differs from the resource's own (or, while the watch has not yet brought the last write back, from that write) —
/// so a status someone wiped is written again; at most once per ApiSpec per
/// <see cref="ApiSpecWatchOptions.StatusRefreshInterval"/>; a parsed spec's figures only from a build that used it.
/// A refresh tick per interval queues every ApiSpec again when the catalog has been rebuilt (new figures) and those
/// whose status waits. Failed writes wait for the next tick: the interval is their backoff, so no request loops.</para>
/// <para>Events (<see cref="ApiSpecEventRecorder"/>): a Warning when a document becomes unusable or its message
/// changes; not again for the same message, not after a restart that finds the same message in the status.</para>
/// <para>Costs and permissions: the ConfigMap watch caches only the ConfigMaps some ApiSpec names
/// (<see cref="ConfigMapReferences"/>; the others' events are counted in <see cref="ResourceWatcherCounters.Ignored"/>
/// and dropped), and is listed after the ApiSpecs so the list keeps them all; a ConfigMap named later is fetched once
/// by name. A ConfigMap list that cannot be had holds up no ApiSpec: those that name a ConfigMap are <c>Invalid</c>
/// ("ConfigMaps cannot be read: …") until it is in. The collector's role needs get/list/watch on apispecs and configmaps, patch on apispecs/status,
/// and create/get/update on events.</para>
/// </remarks>
public sealed class ApiSpecController : BackgroundService
{
    // The log's key for the reconcile of the restored specs (every ApiSpec key has a slash; this one has none).
    private const string RestoredSpecsKey = "(specs restored from the checkpoint)";

    private readonly IKubernetes _kube;
    private readonly ICatalogSource _catalog;
    private readonly ApiSpecWatchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ApiSpecController> _log;
    private readonly ApiSpecStatusWriter _status;
    private readonly ApiSpecEventRecorder _events;
    private readonly ResourceWatcher<V1Alpha1ApiSpec> _specs;
    private readonly ResourceWatcher<V1ConfigMap> _configMaps;
    private readonly SpecWorkQueue _queue = new();
    private readonly ConcurrentDictionary<string, SpecState> _states = new(StringComparer.Ordinal);
    private readonly ConfigMapReferences _references = new();

    // Referenced ConfigMaps already asked for by name (the watch ignored them while nothing named them).
    private readonly ConcurrentDictionary<(string Namespace, string Name), byte> _fetched = new();

    public ApiSpecController(IKubernetes kube, ICatalogSource catalog, WriteRateLimiter limiter, ApiSpecWatchOptions options,
        TimeProvider time, ILogger<ApiSpecController> log)
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        _kube = kube;
        _catalog = catalog;
        _options = options;
        _time = time;
        _log = log;
        _status = new ApiSpecStatusWriter(kube, limiter, options.FieldManager);
        _events = new ApiSpecEventRecorder(new KubernetesEventWriter(kube), limiter, time, options.EventInterval, options.FieldManager, Counters);
        _specs = new ResourceWatcher<V1Alpha1ApiSpec>(
            KubernetesWatchSources.CustomResources<V1Alpha1ApiSpec, V1Alpha1ApiSpecList>(kube, time, options.Namespace),
            new SpecEvents(this), time, log);
        _configMaps = new ResourceWatcher<V1ConfigMap>(KubernetesWatchSources.ConfigMaps(kube, time, options.Namespace),
            new ConfigMapEvents(this), time, log,
            keep: configMap => _references.IsReferenced(configMap.Metadata.NamespaceProperty ?? "", configMap.Metadata.Name ?? ""));
    }

    public ApiSpecControllerCounters Counters { get; } = new();

    /// <summary>The ApiSpec watch's counters (lists, relists, events, errors).</summary>
    public ResourceWatcherCounters SpecWatch => _specs.Counters;

    /// <summary>The ConfigMap watch's counters.</summary>
    public ResourceWatcherCounters ConfigMapWatch => _configMaps.Counters;

    /// <summary>Completes when both watches have listed once and the controller reconciles.</summary>
    public Task Synced => Task.WhenAll(_specs.Synced, _configMaps.Synced);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CatalogOwner owner;
        try
        {
            owner = await _catalog.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception failure)
        {
            // The collector reports its catalog failing; without a catalog there is nothing to feed.
            ApiSpecLog.CatalogFailed(_log, failure);
            return;
        }

        // ConfigMaps are listed once the ApiSpecs are, so the list keeps every referenced one and fetches none by name.
        var watching = Task.WhenAll(_specs.RunAsync(stoppingToken), WatchConfigMapsAsync(stoppingToken));
        var ticking = TickAsync(owner, stoppingToken);
        try
        {
            await ReconcileLoopAsync(owner, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await watching.ConfigureAwait(false);
            await ticking.ConfigureAwait(false);
        }
    }

    private async Task ReconcileLoopAsync(CatalogOwner owner, CancellationToken stoppingToken)
    {
        try
        {
            // Until the ConfigMap list is in, a missing ConfigMap may only be not listed yet; a list that fails (no
            // permission, a failing server) holds up no ApiSpec, though: those naming a ConfigMap say why they wait,
            // and are reconciled again once the list is in.
            await _specs.Synced.WaitAsync(stoppingToken).ConfigureAwait(false);
            await Task.WhenAny(_configMaps.Synced, _configMaps.Failed).WaitAsync(stoppingToken).ConfigureAwait(false);
            await ReconcileRestoredAsync(owner, stoppingToken).ConfigureAwait(false);
            await foreach (var key in _queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await ReconcileAsync(key, owner, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    Counters.Failed();
                    ApiSpecLog.ReconcileFailed(_log, key, failure);
                    if (_states.TryGetValue(key, out var state))
                    {
                        state.Fingerprint = null;
                        state.Pending = true;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// The catalog comes back from its checkpoint with the specs set before the restart (so its first build keys
    /// endpoints as before). After the first full list: a spec whose ApiSpec is gone (deleted while the collector was
    /// down) is taken out; one whose ApiSpec is listed is known to be in the catalog, so its reconcile takes it out
    /// if the resource no longer holds a usable document.
    /// </summary>
    private async Task ReconcileRestoredAsync(CatalogOwner owner, CancellationToken cancellationToken)
    {
        try
        {
            var restored = await owner.SpecIdsAsync(cancellationToken).ConfigureAwait(false);
            var listed = _specs.Items.Select(ApiSpecKeys.Of).ToHashSet(StringComparer.Ordinal);
            foreach (var key in restored)
            {
                if (listed.Contains(key))
                {
                    var (ns, name) = ApiSpecKeys.Split(key);
                    _specs.TryGet(ns, name, out var listedSpec);
                    _states.GetOrAdd(key, _ => new SpecState { Uid = listedSpec?.Metadata.Uid }).InCatalog = true;
                }
                else
                {
                    await RemoveAsync(key, owner, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            // The owner has stopped: nothing can be fed to it any more, and each reconcile reports that itself.
            Counters.Failed();
            ApiSpecLog.ReconcileFailed(_log, RestoredSpecsKey, failure);
        }
    }

    private async Task WatchConfigMapsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _specs.Synced.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        await _configMaps.RunAsync(stoppingToken).ConfigureAwait(false);
    }

    private async Task TickAsync(CatalogOwner owner, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.StatusRefreshInterval, _time);
        long counted = -1;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var generation = owner.Latest?.Generation ?? 0;
                var rebuilt = generation != counted;
                counted = generation;
                foreach (var (key, state) in _states)
                {
                    if (rebuilt || state.Pending)
                    {
                        _queue.Enqueue(key);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReconcileAsync(string key, CatalogOwner owner, CancellationToken cancellationToken)
    {
        Counters.Reconciled();
        var (ns, name) = ApiSpecKeys.Split(key);
        if (!_specs.TryGet(ns, name, out var resource) || resource.Metadata.DeletionTimestamp is not null)
        {
            if (_states.TryRemove(key, out var gone) && gone.InCatalog)
            {
                await RemoveAsync(key, owner, cancellationToken).ConfigureAwait(false);
            }
            return;
        }

        var state = _states.GetOrAdd(key, _ => new SpecState { Uid = resource.Metadata.Uid });
        if (!string.Equals(state.Uid, resource.Metadata.Uid, StringComparison.Ordinal))
        {
            Counters.RecreatedOne();
            state.Reset(resource.Metadata.Uid);
        }
        // A refresh tick or a status write changes none of what the document depends on: nothing to resolve or hash.
        var inputs = InputsOf(resource);
        if (inputs is null || state.Fingerprint is null || !string.Equals(inputs, state.Inputs, StringComparison.Ordinal))
        {
            await ResolveAndParseAsync(key, resource, state, owner, cancellationToken).ConfigureAwait(false);
            state.Inputs = state.Fingerprint is null ? null : inputs;
        }

        await WriteStatusAsync(key, resource, state, owner, cancellationToken).ConfigureAwait(false);
    }

    private async Task ResolveAndParseAsync(string key, V1Alpha1ApiSpec resource, SpecState state, CatalogOwner owner,
        CancellationToken cancellationToken)
    {
        var hosts = SpecHosts.Of(resource, _options.ClusterDomain);
        var document = await ResolveAsync(resource, cancellationToken).ConfigureAwait(false);
        var fingerprint = SpecFingerprint.Of(document, hosts);
        Counters.Hashed();
        if (!string.Equals(fingerprint, state.Fingerprint, StringComparison.Ordinal))
        {
            var before = state.Outcome;
            var outcome = Parse(document, hosts);
            if (outcome.IsParsed)
            {
                await owner.SetSpecAsync(key, outcome.Spec!, hosts, cancellationToken).ConfigureAwait(false);
                state.InCatalog = true;
                state.SetAtGeneration = owner.Latest?.Generation ?? 0;
                Counters.ParsedOne();
                ApiSpecLog.Set(_log, key, outcome.Message, hosts.Count);
            }
            else
            {
                if (state.InCatalog)
                {
                    await RemoveAsync(key, owner, cancellationToken).ConfigureAwait(false);
                    state.InCatalog = false;
                }
                Counters.InvalidOne();
                ApiSpecLog.Invalid(_log, key, outcome.Reason, outcome.Message);
                if (!AlreadyReported(outcome, before, resource.Status))
                {
                    await ReportAsync(key, resource, outcome, cancellationToken).ConfigureAwait(false);
                }
            }
            state.Outcome = outcome;
            state.Fingerprint = fingerprint;
        }
    }

    /// <summary>
    /// What the document and hosts are made of, cheaply: the ApiSpec's generation (its spec), and for a ConfigMap
    /// reference the ConfigMap's resourceVersion (or why there is none). Null when the server gives no generation.
    /// </summary>
    private string? InputsOf(V1Alpha1ApiSpec resource)
    {
        if (resource.Metadata.Generation is not { } generation)
        {
            return null;
        }
        var inputs = generation.ToString(CultureInfo.InvariantCulture);
        if (resource.Spec is { Document: null, ConfigMapRef: { } reference })
        {
            var configMap = !_configMaps.Synced.IsCompleted
                ? "unlisted " + _configMaps.LastFailure
                : _configMaps.TryGet(resource.Metadata.NamespaceProperty ?? "", reference.Name, out var found)
                    ? "at " + found.Metadata.ResourceVersion
                    : "missing";
            inputs += "\n" + configMap;
        }
        return inputs;
    }

    private async Task<SpecDocument> ResolveAsync(V1Alpha1ApiSpec resource, CancellationToken cancellationToken)
    {
        if (resource.Spec is { Document: null, ConfigMapRef: { } reference })
        {
            if (!_configMaps.Synced.IsCompleted)
            {
                return SpecDocumentResolver.ConfigMapsUnreadable(resource, _configMaps.LastFailure ?? "not listed yet");
            }
            await FetchOnceAsync(resource.Metadata.NamespaceProperty ?? "", reference.Name, cancellationToken).ConfigureAwait(false);
        }
        return SpecDocumentResolver.Resolve(resource, TryGetConfigMap);
    }

    /// <summary>
    /// A ConfigMap named for the first time was ignored by the watch until then: asked for once by name. One that does
    /// not exist is not asked for again — its creation comes through the watch, which keeps it now.
    /// </summary>
    private async Task FetchOnceAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        if (_configMaps.TryGet(@namespace, name, out _) || !_fetched.TryAdd((@namespace, name), 0))
        {
            return;
        }
        try
        {
            var configMap = await _kube.CoreV1.ReadNamespacedConfigMapAsync(name, @namespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            _configMaps.TryAdd(configMap);
            Counters.ConfigMapFetched();
        }
        catch (HttpOperationException missing) when (missing.Response?.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch
        {
            // Asked again at the reconcile's retry.
            _fetched.TryRemove((@namespace, name), out _);
            throw;
        }
    }

    private void ReferenceChanged(V1Alpha1ApiSpec resource, bool deleted)
    {
        var ns = resource.Metadata.NamespaceProperty ?? "";
        var reference = deleted || resource.Spec is not { Document: null, ConfigMapRef.Name: { } name } ? ((string, string)?)null : (ns, name);
        if (_references.Set(ApiSpecKeys.Of(resource), reference) is { } released)
        {
            _configMaps.Forget(released.Namespace, released.Name);
            _fetched.TryRemove(released, out _);
        }
    }

    private SpecOutcome Parse(SpecDocument document, IReadOnlyList<string> hosts)
    {
        if (!document.Found)
        {
            return SpecOutcome.Invalid(document.FailureReason!, document.Failure!);
        }
        try
        {
            return SpecOutcome.Parsed(ApiSpec.Parse(document.Text!, document.SourceName, _options.Budget), hosts);
        }
        catch (SpecException invalid)
        {
            return SpecOutcome.Invalid(ApiSpecConditions.ReasonInvalidDocument, invalid.Message);
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            // User input must never take the controller down; the type says enough to report it upstream.
            return SpecOutcome.Invalid(ApiSpecConditions.ReasonInvalidDocument,
                $"{document.SourceName}: the document could not be read ({unexpected.GetType().Name})");
        }
    }

    private async Task RemoveAsync(string key, CatalogOwner owner, CancellationToken cancellationToken)
    {
        await owner.RemoveSpecAsync(key, cancellationToken).ConfigureAwait(false);
        Counters.RemovedOne();
        ApiSpecLog.Removed(_log, key);
    }

    // The same message was reported already: by this run, or — after a restart — by the one that wrote the status.
    private static bool AlreadyReported(SpecOutcome outcome, SpecOutcome? before, ApiSpecStatus? status) =>
        before is { IsParsed: false } && string.Equals(before.Message, outcome.Message, StringComparison.Ordinal)
        || before is null && status?.Phase == ApiSpecPhases.Invalid && string.Equals(status.Message, outcome.Message, StringComparison.Ordinal);

    private async Task ReportAsync(string key, V1Alpha1ApiSpec resource, SpecOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            await _events.InvalidAsync(resource, EventReasons.InvalidApiSpec, outcome.Message, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ApiSpecEventException failure)
        {
            ApiSpecLog.EventFailed(_log, key, failure.Message);
        }
    }

    private async Task WriteStatusAsync(string key, V1Alpha1ApiSpec resource, SpecState state, CatalogOwner owner,
        CancellationToken cancellationToken)
    {
        var snapshot = owner.Latest;
        var outcome = state.Outcome!;
        if (outcome.IsParsed && (snapshot is null || snapshot.Generation <= state.SetAtGeneration))
        {
            // No build has used the spec yet: its figures would be those of before. The tick comes back.
            state.Pending = true;
            return;
        }

        var now = _time.GetUtcNow();
        // The status last written stands until the cache has the object after that write; from then on the object's own.
        var writeInFlight = state.Written is not null
            && string.Equals(state.WrittenOver, resource.Metadata.ResourceVersion, StringComparison.Ordinal);
        var current = writeInFlight ? state.Written : resource.Status;
        var desired = ApiSpecStatusBuilder.Build(resource, outcome, outcome.Coverage?.Count(snapshot) ?? default, current, now);
        if (SameStatus(desired, current))
        {
            state.Pending = false;
            return;
        }
        if (state.WrittenAt is { } last && now - last < _options.StatusRefreshInterval)
        {
            if (!state.Pending)
            {
                Counters.StatusDeferred();
            }
            state.Pending = true;
            return;
        }

        try
        {
            await _status.WriteAsync(resource, desired, cancellationToken).ConfigureAwait(false);
            state.Written = desired;
            state.WrittenOver = resource.Metadata.ResourceVersion;
            state.WrittenAt = now;
            state.Pending = false;
            Counters.StatusWritten();
        }
        catch (HttpOperationException gone) when (gone.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            // Deleted meanwhile: its watch event follows and removes the spec.
            state.Pending = false;
        }
        catch (Exception failure) when (failure is HttpOperationException or HttpRequestException or TaskCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            Counters.StatusWriteFailed();
            state.WrittenAt = now;
            state.Pending = true;
            ApiSpecLog.StatusWriteFailed(_log, key, failure is HttpOperationException http
                ? $"HTTP {(int?)http.Response?.StatusCode}"
                : failure.GetType().Name);
        }
    }

    private static bool SameStatus(ApiSpecStatus desired, ApiSpecStatus? current) =>
        current is not null && string.Equals(ApiEndpointJson.Serialize(desired), ApiEndpointJson.Serialize(current), StringComparison.Ordinal);

    private bool TryGetConfigMap(string @namespace, string name, out V1ConfigMap configMap) =>
        _configMaps.TryGet(@namespace, name, out configMap);

    private void Referencing(string @namespace, string configMap)
    {
        foreach (var key in _references.SpecsOf(@namespace, configMap))
        {
            _queue.Enqueue(key);
        }
    }

    private sealed class SpecEvents(ApiSpecController controller) : IResourceEventHandler<V1Alpha1ApiSpec>
    {
        public void OnUpsert(V1Alpha1ApiSpec resource)
        {
            controller.ReferenceChanged(resource, deleted: false);
            controller._queue.Enqueue(ApiSpecKeys.Of(resource));
        }

        public void OnDelete(V1Alpha1ApiSpec resource)
        {
            controller.ReferenceChanged(resource, deleted: true);
            controller._queue.Enqueue(ApiSpecKeys.Of(resource));
        }

        public void OnSynced()
        {
        }
    }

    private sealed class ConfigMapEvents(ApiSpecController controller) : IResourceEventHandler<V1ConfigMap>
    {
        public void OnUpsert(V1ConfigMap resource) => Changed(resource);

        public void OnDelete(V1ConfigMap resource) => Changed(resource);

        // The ApiSpecs that name a ConfigMap waited for this list (or reported it failing): their documents are here now.
        public void OnSynced()
        {
            foreach (var key in controller._references.AllSpecs())
            {
                controller._queue.Enqueue(key);
            }
        }

        private void Changed(V1ConfigMap resource) =>
            controller.Referencing(resource.Metadata.NamespaceProperty ?? "", resource.Metadata.Name ?? "");
    }
}
