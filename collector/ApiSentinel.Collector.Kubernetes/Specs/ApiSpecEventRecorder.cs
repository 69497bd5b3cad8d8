using System.Net;
using System.Security.Cryptography;
using System.Text;
using ApiSentinel.Collector.Kubernetes.Events;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Collector.Specs.Loading;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiSpecs;
using k8s.Autorest;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// Warning Events on an ApiSpec whose document cannot be used (core v1 <c>Event</c>, involvedObject = the ApiSpec),
/// through the collector's shared <see cref="IEventWriter"/> (create; on 409 get and update — the requests the
/// collector's role grants on events). Deduplicated as kubectl's event correlator does: one Event per (ApiSpec,
/// reason, message), named after them, so a repeat raises its <c>count</c> and <c>lastTimestamp</c> instead of adding
/// an Event — across restarts too, since the name is derived, not remembered; a repeat for an ApiSpec created again
/// under the same name points the Event at the new object. Rate-limited: a repeat for the same object (uid) within
/// <see cref="ApiSpecWatchOptions.EventInterval"/> is counted and not written; every request takes a token from the
/// shared limiter. Events are best effort: a failure is counted and logged, never retried, and never holds up the status.
/// </summary>
public sealed class ApiSpecEventRecorder
{
    // Recent keys kept for rate limiting; past this many, those older than the interval are forgotten.
    private const int MaxRemembered = 1024;

    // The API server bounds an Event's message (events.k8s.io's note: 1 KiB); the status has the whole line.
    private const int MaxMessageChars = 1000;

    private readonly IEventWriter _writer;
    private readonly WriteRateLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly string _component;
    private readonly ApiSpecControllerCounters _counters;
    private readonly Dictionary<string, DateTimeOffset> _lastWritten = new(StringComparer.Ordinal);

    public ApiSpecEventRecorder(IEventWriter writer, WriteRateLimiter limiter, TimeProvider time, TimeSpan interval,
        string component, ApiSpecControllerCounters counters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        ArgumentNullException.ThrowIfNull(counters);
        _writer = writer;
        _limiter = limiter;
        _time = time;
        _interval = interval;
        _component = component;
        _counters = counters;
    }

    /// <summary>Records that <paramref name="resource"/>'s document is unusable. One caller at a time (the controller's loop).</summary>
    public async Task InvalidAsync(V1Alpha1ApiSpec resource, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        message = SpecText.Escape(message, MaxMessageChars);
        var ns = resource.Metadata.NamespaceProperty ?? "default";
        var name = EventName(resource.Metadata.Name ?? "", reason, message);
        var key = $"{ns}/{name}/{resource.Metadata.Uid}";
        var now = _time.GetUtcNow();
        if (_lastWritten.TryGetValue(key, out var last) && now - last < _interval)
        {
            _counters.EventSuppressed();
            return;
        }
        Remember(key, now);

        var at = now.UtcDateTime;
        try
        {
            await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _writer.CreateAsync(CollectorEvent.New(name, Reference(resource, ns), reason, message, at, _component), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (HttpOperationException exists) when (exists.Response?.StatusCode == HttpStatusCode.Conflict)
            {
                // Written before (by this process or its previous run): fold the repeat into it.
                await CountUpAsync(resource, ns, name, at, cancellationToken).ConfigureAwait(false);
            }
            _counters.EventWritten();
        }
        catch (Exception failure) when (failure is HttpOperationException or HttpRequestException or TaskCanceledException or ApiSpecEventException
            && !cancellationToken.IsCancellationRequested)
        {
            _counters.EventFailed();
            throw failure as ApiSpecEventException ?? new ApiSpecEventException($"event {ns}/{name}: {failure.Message}", failure);
        }
    }

    private async Task CountUpAsync(V1Alpha1ApiSpec resource, string ns, string name, DateTime at, CancellationToken cancellationToken)
    {
        await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        var existing = await _writer.ReadAsync(ns, name, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiSpecEventException($"event {ns}/{name}: it existed, then was gone");
        existing.Count = (existing.Count ?? 1) + 1;
        existing.LastTimestamp = at;
        // The same name may have been an earlier object's (deleted, created again): the Event is about this one now.
        existing.InvolvedObject = Reference(resource, ns);
        await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _writer.ReplaceAsync(existing, cancellationToken).ConfigureAwait(false);
    }

    private static V1ObjectReference Reference(V1Alpha1ApiSpec resource, string ns) => new()
    {
        ApiVersion = V1Alpha1ApiSpec.KubeGroup + "/" + V1Alpha1ApiSpec.KubeApiVersion,
        Kind = V1Alpha1ApiSpec.KubeKind,
        Name = resource.Metadata.Name,
        NamespaceProperty = ns,
        Uid = resource.Metadata.Uid,
        ResourceVersion = resource.Metadata.ResourceVersion,
    };

    /// <summary><c>NAME.HASH</c>: stable for an (ApiSpec, reason, message), a DNS subdomain name however long the ApiSpec's.</summary>
    public static string EventName(string apiSpecName, string reason, string message)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{reason}\n{message}")))[..16];
        var prefix = apiSpecName.Length > 200 ? apiSpecName[..200].TrimEnd('.', '-') : apiSpecName;
        return $"{prefix}.{hash}";
    }

    private void Remember(string key, DateTimeOffset now)
    {
        if (_lastWritten.Count >= MaxRemembered)
        {
            foreach (var stale in _lastWritten.Where(e => now - e.Value >= _interval).Select(e => e.Key).ToList())
            {
                _lastWritten.Remove(stale);
            }
        }
        _lastWritten[key] = now;
    }
}
