using System.Globalization;
using System.Net;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Events;

/// <summary>
/// Core v1 Events on ApiEndpoints when one becomes worth a look: a new shadow endpoint (<see cref="EventReasons.ShadowEndpoint"/>),
/// risk reaching high or critical (<see cref="EventReasons.HighRiskEndpoint"/>), and a high or critical finding
/// involving it (<see cref="EventReasons.HighRiskFinding"/>, one per finding kind). Transitions are judged against
/// the labels last written (the sink passes them; after a restart, the listed ones), so a restart is no Event storm.
/// </summary>
/// <remarks>
/// Deduplicated like the kubelet's recorder: one Event per (object, reason) with a deterministic name; a repeat raises
/// its <c>count</c> and <c>lastTimestamp</c> instead of making another (and after a restart finds it by that name).
/// Rate-limited: per object and reason at most once per <c>interval</c> (repeats in between are counted, not sent),
/// and every request through the shared limiter. Messages carry the endpoint's identity (host, method, template)
/// and its level — never a value from traffic. An Event that cannot be written is counted and dropped: it is
/// advice, the resource's status is the record. Called from the sink's one loop; not thread-safe.
/// </remarks>
public sealed class EndpointEventRecorder(
    IEventWriter writer,
    WriteRateLimiter limiter,
    KubernetesSinkCounters counters,
    TimeSpan interval,
    string component,
    TimeProvider time)
{
    private readonly Dictionary<(string Namespace, string Object, string Reason), DateTimeOffset> _sent = [];

    // Finding kinds reported per object while they last: a kind that stays in the status is not reported again, one
    // that went and came back is. Bounded by the endpoints × the engine's finding kinds.
    private readonly Dictionary<(string Namespace, string Object), HashSet<string>> _findings = [];
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    /// <summary>Objects and reasons whose last Event is still within the interval (what the dedup remembers).</summary>
    public int Remembered => _sent.Count;

    /// <summary>
    /// After the sink applied <paramref name="resource"/>'s labels (previously <paramref name="previous"/>; null when
    /// new). <paramref name="uid"/> is the object's uid as the server answered the apply: the Event's involvedObject
    /// carries it, since <c>kubectl describe</c> selects Events by name, namespace, kind and uid.
    /// </summary>
    public async Task EndpointWrittenAsync(V1Alpha1ApiEndpoint resource, string? uid, IReadOnlyDictionary<string, string>? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var labels = resource.Metadata.Labels ?? new Dictionary<string, string>();
        if (IsShadow(labels) && (previous is null || !IsShadow(previous)))
        {
            await RecordAsync(resource, uid, EventReasons.ShadowEndpoint,
                $"{Identity(resource)} is served but not documented by the spec of its host (shadow endpoint)", cancellationToken).ConfigureAwait(false);
        }
        labels.TryGetValue(ApiSentinelLabels.Risk, out var level);
        var rank = RiskLevels.Rank(level);
        var before = previous is null ? -1 : RiskLevels.Rank(previous.GetValueOrDefault(ApiSentinelLabels.Risk));
        if (rank >= RiskLevels.Rank(RiskLevels.High) && rank > before)
        {
            var score = resource.Status?.Risk?.Score is { } s ? string.Create(CultureInfo.InvariantCulture, $" (score {s})") : "";
            await RecordAsync(resource, uid, EventReasons.HighRiskEndpoint,
                $"{Identity(resource)} reached {level} risk{score}; see status.risk.factors", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After the sink wrote <paramref name="resource"/>'s status: an Event for each high or critical finding kind the
    /// status holds that was not there at the previous write. After a restart a kind already reported under its Event
    /// name is not counted again (the name exists: the finding is the same one).
    /// </summary>
    public async Task StatusWrittenAsync(V1Alpha1ApiEndpoint resource, string? uid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var serious = (resource.Status?.Findings ?? [])
            .Where(f => f.Severity is FindingSeverities.High or FindingSeverities.Critical)
            .Select(f => f.Kind)
            .ToHashSet(StringComparer.Ordinal);
        var key = (resource.Metadata.NamespaceProperty, resource.Metadata.Name);
        var before = _findings.GetValueOrDefault(key);
        if (serious.Count == 0)
        {
            _findings.Remove(key);
            return;
        }
        _findings[key] = serious;
        foreach (var kind in serious.Order(StringComparer.Ordinal))
        {
            if (before is not null && before.Contains(kind))
            {
                continue;
            }
            var severity = resource.Status!.Findings!.Where(f => f.Kind == kind).Select(f => f.Severity)
                .OrderByDescending(s => s == FindingSeverities.Critical).First();
            await RecordAsync(resource, uid, EventReasons.HighRiskFinding,
                $"{Identity(resource)} is involved in a {severity} {kind} finding; see status.findings", cancellationToken,
                variant: kind, countRepeats: false).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets an object's reported findings (its resource was deleted).</summary>
    public void Forget(string @namespace, string name) => _findings.Remove((@namespace, name));

    private async Task RecordAsync(V1Alpha1ApiEndpoint resource, string? uid, string reason, string message, CancellationToken cancellationToken,
        string? variant = null, bool countRepeats = true)
    {
        var ns = resource.Metadata.NamespaceProperty;
        var key = (ns, resource.Metadata.Name, variant is null ? reason : $"{reason}/{variant}");
        var now = time.GetUtcNow();
        Prune(now);
        if (_sent.TryGetValue(key, out var last) && now - last < interval)
        {
            counters.EventSuppressed();
            return;
        }
        _sent[key] = now;
        var name = variant is null ? EventName(resource.Metadata.Name, reason) : EventName(resource.Metadata.Name, reason, variant);
        try
        {
            await limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await writer.CreateAsync(NewEvent(resource, uid, name, reason, message, now), cancellationToken).ConfigureAwait(false);
                counters.EventCreated();
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Conflict)
            {
                // Written before (by this process or its previous run): fold the repeat into it — unless a repeat is
                // the same fact (a finding reported before a restart), which is not counted twice.
                if (!countRepeats)
                {
                    counters.EventSuppressed();
                    return;
                }
            }
            await limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            var existing = await writer.ReadAsync(ns, name, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                counters.EventFailed();
                return;
            }
            existing.Count = (existing.Count ?? 1) + 1;
            existing.LastTimestamp = now.UtcDateTime;
            existing.Message = message;
            await limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            await writer.ReplaceAsync(existing, cancellationToken).ConfigureAwait(false);
            counters.EventUpdated();
        }
        catch (Exception e) when (WriteFailure.Of(e, cancellationToken) is { } failure)
        {
            counters.Failed(failure.Reason);
            counters.EventFailed();
        }
    }

    /// <summary>
    /// Forgets sends older than the interval (they suppress nothing any more), at most once per interval: without it the
    /// dictionary grew by every endpoint that ever fired, merged and deleted ones included, for the process's life.
    /// </summary>
    private void Prune(DateTimeOffset now)
    {
        if (now < _nextPrune)
        {
            return;
        }
        _nextPrune = now + interval;
        foreach (var (key, at) in _sent.ToArray())
        {
            if (now - at >= interval)
            {
                _sent.Remove(key);
            }
        }
    }

    /// <summary><c>NAME.reason</c>, as the kubelet names its Events after their object; within the 253 characters of a name.</summary>
    internal static string EventName(string objectName, string reason) =>
        $"{objectName}.{reason.ToLowerInvariant()}";

    /// <summary><c>NAME.reason-variant</c>: one Event per variant (a finding kind), the variant folded to a DNS-1123 label.</summary>
    internal static string EventName(string objectName, string reason, string variant)
    {
        var folded = new string([.. variant.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        folded = folded.Length > 63 ? folded[..63].TrimEnd('-') : folded;
        return $"{objectName}.{reason.ToLowerInvariant()}-{(folded.Length == 0 ? "finding" : folded)}";
    }

    private Corev1Event NewEvent(V1Alpha1ApiEndpoint resource, string? uid, string name, string reason, string message, DateTimeOffset now) =>
        CollectorEvent.New(name, new V1ObjectReference
        {
            ApiVersion = ApiSentinelApi.ApiVersion,
            Kind = V1Alpha1ApiEndpoint.KubeKind,
            Name = resource.Metadata.Name,
            NamespaceProperty = resource.Metadata.NamespaceProperty,
            Uid = uid ?? resource.Metadata.Uid,
        }, reason, message, now.UtcDateTime, component);

    private static bool IsShadow(IReadOnlyDictionary<string, string> labels) =>
        labels.GetValueOrDefault(ApiSentinelLabels.Shadow) == ApiSentinelLabels.True;

    private static bool IsShadow(IDictionary<string, string> labels) =>
        labels.TryGetValue(ApiSentinelLabels.Shadow, out var v) && v == ApiSentinelLabels.True;

    private static string Identity(V1Alpha1ApiEndpoint resource) =>
        $"{resource.Spec.Method} {resource.Spec.Host}{resource.Spec.Path}";
}
