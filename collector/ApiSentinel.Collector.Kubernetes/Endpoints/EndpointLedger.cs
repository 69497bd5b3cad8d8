using ApiSentinel.Crds.ApiEndpoints;

namespace ApiSentinel.Collector.Kubernetes.Endpoints;

/// <summary>
/// The sink's decisions, apart from any I/O: what the server holds (as far as this process knows: what it listed at
/// start and wrote since), what the catalog wants, and therefore which writes are due and in which order.
/// </summary>
/// <remarks>
/// <para>Everything is keyed by <see cref="ResourceKey"/> (namespace, name): an endpoint that moves namespace is a new
/// resource there, and the old one is simply a resource no endpoint wants — as is a merged endpoint's, an endpoint
/// unseen past the delete time, or one the collector's previous run wrote and its catalog no longer holds. One rule
/// deletes them all.</para>
/// <para>The wanted state is replaced wholesale by each <see cref="Reconcile"/>: an entry changed twice between flushes
/// is written once, with the latest projection; an entry changed back to what was written is not written at all.</para>
/// <para><see cref="Due"/> orders new resources first, then label changes, then deletions, then status-only writes
/// longest-unwritten first, and holds back a status written less than a flush interval ago and an entry still
/// backing off: a rate limit below the change rate degrades to "every endpoint eventually, none twice per interval".</para>
/// <para>One exception to "not wanted: delete": an <em>orphan</em>, a resource listed at start whose name no endpoint of
/// the catalog has (in any namespace — a name wanted elsewhere is a move, deleted at once). After a lost or reset
/// state directory the catalog starts empty, and deleting every orphan would wipe the cluster's record. So an orphan
/// is deleted only once its own <c>status.usage.lastSeen</c> is <c>deleteAfter</c> older than the traffic's clock
/// (<see cref="EndpointProjector.TrafficNow"/>); with no traffic clock (an empty catalog) none is. Until then it is
/// kept untouched and counted (<see cref="OrphansKept"/>).</para>
/// Not thread-safe: the sink's one loop owns it.
/// </remarks>
public sealed class EndpointLedger(TimeSpan flushInterval, TimeSpan? deleteAfter = null)
{
    private readonly TimeSpan _deleteAfter = deleteAfter ?? Configuration.KubernetesSinkDefaults.DeleteAfter;
    private readonly HashSet<string> _wantedNames = new(StringComparer.Ordinal);
    private DateTimeOffset? _trafficNow;
    private readonly Dictionary<ResourceKey, Written> _written = [];
    private readonly Dictionary<ResourceKey, Wanted> _wanted = [];
    private readonly Dictionary<ResourceKey, Retry> _retries = [];
    private long _sequence;

    /// <summary>Resources the server holds, by this process's knowledge.</summary>
    public int WrittenCount => _written.Count;

    /// <summary>Writes still due (applies and deletions), whether or not they may go this flush.</summary>
    public int PendingCount => _wanted.Count(w => IsDirty(w.Key, w.Value)) + _written.Count(w => !_wanted.ContainsKey(w.Key) && !IsKeptOrphan(w.Key, w.Value));

    /// <summary>Orphans kept as of the last <see cref="Reconcile"/> (see the remarks).</summary>
    public int OrphansKept => _written.Count(w => !_wanted.ContainsKey(w.Key) && IsKeptOrphan(w.Key, w.Value));

    /// <summary>The namespace each resource name was last written to (or listed in): an endpoint's sticky namespace.</summary>
    public IReadOnlyDictionary<string, string> NamespacesByName()
    {
        var result = new Dictionary<string, string>(_written.Count, StringComparer.Ordinal);
        foreach (var key in _written.Keys)
        {
            // Two namespaces hold one name only during a move: the wanted one is where it goes.
            if (!result.ContainsKey(key.Name) || _wanted.ContainsKey(key))
            {
                result[key.Name] = key.Namespace;
            }
        }
        return result;
    }

    public bool Holds(ResourceKey key) => _written.ContainsKey(key);

    /// <summary>
    /// What the server held at start: our resources as listed. Their fingerprints become "last written", so an
    /// unchanged endpoint is not rewritten; none counts as status-written recently (a restart may write at once).
    /// </summary>
    public void Restore(IEnumerable<V1Alpha1ApiEndpoint> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        foreach (var resource in listed)
        {
            if (resource.Metadata is { Name: { } name, NamespaceProperty: { } ns })
            {
                _written[new ResourceKey(ns, name)] = new Written(
                    ResourceFingerprint.Of(resource), ResourceFingerprint.OwnLabels(resource), StatusAt: null)
                {
                    ListedLastSeen = LastSeenOf(resource),
                    Listed = true,
                };
            }
        }
    }

    /// <summary>
    /// The catalog's wish, whole: every resource that should exist, in the catalog's order (highest risk first), and the
    /// traffic's clock orphans age on (null: the catalog is empty, no orphan is deleted).
    /// </summary>
    public void Reconcile(IEnumerable<V1Alpha1ApiEndpoint> wanted, DateTimeOffset? trafficNow = null)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        _trafficNow = trafficNow;
        _wantedNames.Clear();
        var next = new Dictionary<ResourceKey, Wanted>();
        foreach (var resource in wanted)
        {
            var key = new ResourceKey(resource.Metadata.NamespaceProperty, resource.Metadata.Name);
            next[key] = new Wanted(resource, ResourceFingerprint.Of(resource), _sequence++);
            _wantedNames.Add(key.Name);
        }
        _wanted.Clear();
        foreach (var (key, value) in next)
        {
            _wanted[key] = value;
        }
        // A retry belongs to a write: once that write is no longer due (changed back, or the entry gone), so is it.
        foreach (var key in _retries.Keys.ToArray())
        {
            if (!_wanted.TryGetValue(key, out var w) ? !_written.ContainsKey(key) : !IsDirty(key, w))
            {
                _retries.Remove(key);
            }
        }
    }

    /// <summary>The writes that may go now, in flush order (see the remarks).</summary>
    public IReadOnlyList<EndpointChange> Due(DateTimeOffset now)
    {
        var due = new List<(EndpointChange Change, DateTimeOffset? StatusAt, long Sequence)>();
        foreach (var (key, wanted) in _wanted)
        {
            if (!IsDirty(key, wanted) || Waiting(key, now, out var failures))
            {
                continue;
            }
            _written.TryGetValue(key, out var written);
            var needsObject = written is null || written.Fingerprint.Object != wanted.Fingerprint.Object;
            var statusDue = written is null || written.Fingerprint.Status != wanted.Fingerprint.Status;
            var statusAllowed = written?.StatusAt is not { } at || now - at >= flushInterval;
            if (!needsObject && !statusAllowed)
            {
                continue;
            }
            var kind = written is null ? ChangeKind.New : needsObject ? ChangeKind.Labels : ChangeKind.Status;
            due.Add((new EndpointChange(key, kind, wanted.Resource)
            {
                NeedsObject = needsObject,
                NeedsStatus = statusDue && statusAllowed,
                PreviousLabels = written?.Labels,
                Failures = failures,
                StatusMissing = _retries.TryGetValue(key, out var retry) && retry.StatusMissing,
            }, written?.StatusAt, wanted.Sequence));
        }
        foreach (var (key, written) in _written)
        {
            if (!_wanted.ContainsKey(key) && !IsKeptOrphan(key, written) && !Waiting(key, now, out var failures))
            {
                due.Add((new EndpointChange(key, ChangeKind.Delete, null) { Failures = failures }, null, 0));
            }
        }
        return [.. due
            .OrderBy(d => d.Change.Kind)
            .ThenBy(d => d.Change.Kind == ChangeKind.Status ? d.StatusAt ?? DateTimeOffset.MinValue : DateTimeOffset.MinValue)
            .ThenBy(d => d.Change.Kind == ChangeKind.Delete ? 0 : d.Sequence)
            .ThenBy(d => d.Change.Key.Namespace, StringComparer.Ordinal)
            .ThenBy(d => d.Change.Key.Name, StringComparer.Ordinal)
            .Select(d => d.Change)];
    }

    /// <summary>The object (labels, spec) of <paramref name="change"/> is on the server now.</summary>
    public void ObjectWritten(EndpointChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var resource = change.Resource ?? throw new ArgumentException("a deletion has no object", nameof(change));
        var fingerprint = ResourceFingerprint.Of(resource);
        _written.TryGetValue(change.Key, out var old);
        // A new resource has no status until its status write: keep the old status part (or none).
        _written[change.Key] = new Written(fingerprint with { Status = old?.Fingerprint.Status ?? "" },
            ResourceFingerprint.OwnLabels(resource), old?.StatusAt);
        if (!change.NeedsStatus)
        {
            _retries.Remove(change.Key);
        }
    }

    /// <summary>The status of <paramref name="change"/> is on the server now (written at <paramref name="now"/>).</summary>
    public void StatusWritten(EndpointChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        var resource = change.Resource ?? throw new ArgumentException("a deletion has no status", nameof(change));
        if (_written.TryGetValue(change.Key, out var old))
        {
            _written[change.Key] = old with
            {
                Fingerprint = old.Fingerprint with { Status = ResourceFingerprint.Of(resource).Status },
                StatusAt = now,
                Listed = false,
            };
        }
        _retries.Remove(change.Key);
    }

    /// <summary>The resource is gone from the server (deleted, or found missing).</summary>
    public void Deleted(ResourceKey key)
    {
        _written.Remove(key);
        _retries.Remove(key);
    }

    /// <summary>
    /// The change failed: it stays due, not before <paramref name="notBefore"/>; <paramref name="statusMissing"/> when it
    /// was a 404 on the status write (so a retry's 404 is not taken for an object deleted by hand).
    /// </summary>
    public void Failed(EndpointChange change, DateTimeOffset notBefore, bool statusMissing = false)
    {
        ArgumentNullException.ThrowIfNull(change);
        _retries[change.Key] = new Retry(change.Failures + 1, notBefore, statusMissing);
    }

    /// <summary>Consecutive failures of an entry's write (0 when it has none pending).</summary>
    public int FailuresOf(ResourceKey key) => _retries.TryGetValue(key, out var r) ? r.Failures : 0;

    /// <summary>An orphan (see the remarks) whose own last call is not yet old enough on the traffic's clock.</summary>
    private bool IsKeptOrphan(ResourceKey key, Written written)
    {
        if (!written.Listed || _wantedNames.Contains(key.Name))
        {
            return false;
        }
        if (_trafficNow is not { } trafficNow)
        {
            return true;
        }
        // No readable lastSeen: nothing says the endpoint lives, and the catalog (non-empty) does not name it.
        return written.ListedLastSeen is { } lastSeen && trafficNow - lastSeen < _deleteAfter;
    }

    private static DateTimeOffset? LastSeenOf(V1Alpha1ApiEndpoint resource) =>
        resource.Status?.Usage?.LastSeen is { } text &&
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    private bool IsDirty(ResourceKey key, Wanted wanted) =>
        !_written.TryGetValue(key, out var written) || written.Fingerprint != wanted.Fingerprint;

    private bool Waiting(ResourceKey key, DateTimeOffset now, out int failures)
    {
        if (_retries.TryGetValue(key, out var retry))
        {
            failures = retry.Failures;
            return now < retry.NotBefore;
        }
        failures = 0;
        return false;
    }

    private sealed record Written(ResourceFingerprint Fingerprint, IReadOnlyDictionary<string, string> Labels, DateTimeOffset? StatusAt)
    {
        /// <summary>Listed at start and not written since; what it says of its last call (null: nothing readable).</summary>
        public DateTimeOffset? ListedLastSeen { get; init; }

        public bool Listed { get; init; }
    }

    private sealed record Wanted(V1Alpha1ApiEndpoint Resource, ResourceFingerprint Fingerprint, long Sequence);

    private sealed record Retry(int Failures, DateTimeOffset NotBefore, bool StatusMissing);
}
