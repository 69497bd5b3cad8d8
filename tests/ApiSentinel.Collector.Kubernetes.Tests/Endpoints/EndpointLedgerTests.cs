using ApiSentinel.Collector.Kubernetes.Endpoints;
using static ApiSentinel.Collector.Kubernetes.Tests.Endpoints.Resources;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

public class EndpointLedgerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static void WriteAll(EndpointLedger ledger, DateTimeOffset now)
    {
        foreach (var change in ledger.Due(now))
        {
            if (change.Kind == ChangeKind.Delete)
            {
                ledger.Deleted(change.Key);
                continue;
            }
            if (change.NeedsObject)
            {
                ledger.ObjectWritten(change);
            }
            if (change.NeedsStatus)
            {
                ledger.StatusWritten(change, now);
            }
        }
    }

    [Fact]
    public void A_new_endpoint_needs_object_and_status_and_once_written_nothing_is_due()
    {
        var ledger = new EndpointLedger(Interval);
        ledger.Reconcile([Endpoint("a")]);
        var change = Assert.Single(ledger.Due(T0));
        Assert.Equal(ChangeKind.New, change.Kind);
        Assert.True(change.NeedsObject);
        Assert.True(change.NeedsStatus);
        Assert.Null(change.PreviousLabels);
        WriteAll(ledger, T0);

        ledger.Reconcile([Endpoint("a")]);
        Assert.Empty(ledger.Due(T0 + Interval));
        Assert.Equal(0, ledger.PendingCount);
    }

    [Fact]
    public void A_moved_marker_is_a_status_write_and_a_changed_label_an_object_write()
    {
        var ledger = new EndpointLedger(Interval);
        ledger.Reconcile([Endpoint("a"), Endpoint("b")]);
        WriteAll(ledger, T0);

        ledger.Reconcile([Endpoint("a", marker: "m2"), Endpoint("b", risk: "high", marker: "m2")]);
        var due = ledger.Due(T0 + Interval);
        Assert.Equal(2, due.Count);
        Assert.Equal(("b", ChangeKind.Labels, true), (due[0].Key.Name, due[0].Kind, due[0].NeedsObject));
        Assert.Equal("low", due[0].PreviousLabels!["apisentinel.io/risk"]);
        Assert.Equal(("a", ChangeKind.Status, false, true), (due[1].Key.Name, due[1].Kind, due[1].NeedsObject, due[1].NeedsStatus));
    }

    [Fact]
    public void Changes_between_flushes_coalesce_into_the_latest_and_a_change_back_writes_nothing()
    {
        var ledger = new EndpointLedger(Interval);
        ledger.Reconcile([Endpoint("a")]);
        WriteAll(ledger, T0);

        ledger.Reconcile([Endpoint("a", marker: "m2")]);
        ledger.Reconcile([Endpoint("a", marker: "m3")]);
        var change = Assert.Single(ledger.Due(T0 + Interval));
        Assert.Equal("m3", change.Resource!.Status!.ChangeMarker);

        ledger.Reconcile([Endpoint("a", marker: "m1")]);
        Assert.Empty(ledger.Due(T0 + Interval));
    }

    [Fact]
    public void A_status_is_written_at_most_once_per_flush_interval()
    {
        var ledger = new EndpointLedger(Interval);
        ledger.Reconcile([Endpoint("a")]);
        WriteAll(ledger, T0);

        ledger.Reconcile([Endpoint("a", marker: "m2")]);
        Assert.Empty(ledger.Due(T0 + TimeSpan.FromSeconds(3)));
        Assert.Equal(1, ledger.PendingCount);
        // A label change goes at once (the object), its status still waits for the interval.
        ledger.Reconcile([Endpoint("a", risk: "critical", marker: "m3")]);
        var early = Assert.Single(ledger.Due(T0 + TimeSpan.FromSeconds(3)));
        Assert.True(early.NeedsObject);
        Assert.False(early.NeedsStatus);
        ledger.ObjectWritten(early);
        var late = Assert.Single(ledger.Due(T0 + Interval));
        Assert.Equal((false, true), (late.NeedsObject, late.NeedsStatus));
    }

    [Fact]
    public void Flush_order_is_new_then_labels_then_deletes_then_the_longest_unwritten_statuses()
    {
        var ledger = new EndpointLedger(Interval);
        ledger.Reconcile([Endpoint("old"), Endpoint("s1"), Endpoint("s2"), Endpoint("l1"), Endpoint("gone")]);
        WriteAll(ledger, T0);
        // s2's status is written later than s1's: s1 has waited longer and goes first.
        ledger.Reconcile([Endpoint("old"), Endpoint("s1"), Endpoint("s2", marker: "m2"), Endpoint("l1"), Endpoint("gone")]);
        WriteAll(ledger, T0 + Interval);

        var later = T0 + (3 * Interval);
        ledger.Reconcile([Endpoint("s2", marker: "m3"), Endpoint("s1", marker: "m3"), Endpoint("new"), Endpoint("l1", risk: "high"), Endpoint("old")]);
        var due = ledger.Due(later);
        Assert.Equal(
            [("new", ChangeKind.New), ("l1", ChangeKind.Labels), ("gone", ChangeKind.Delete), ("s1", ChangeKind.Status), ("s2", ChangeKind.Status)],
            due.Select(d => (d.Key.Name, d.Kind)));
    }

    [Fact]
    public void A_restore_of_the_same_resources_writes_nothing_and_deletes_a_moved_name_at_once()
    {
        var ledger = new EndpointLedger(Interval);
        ledger.Restore([Endpoint("a"), Endpoint("b", marker: "m2"), Endpoint("merged-away"), Endpoint("a", ns: "elsewhere")]);
        ledger.Reconcile([Endpoint("a"), Endpoint("b", marker: "m2")], T0);
        var due = ledger.Due(T0);
        // "merged-away" has no lastSeen: with a non-empty catalog nothing says it lives, so it goes too.
        Assert.Equal(
            [("elsewhere", "a", ChangeKind.Delete), ("shop", "merged-away", ChangeKind.Delete)],
            due.Select(d => (d.Key.Namespace, d.Key.Name, d.Kind)));
    }

    [Fact]
    public void With_an_empty_catalog_no_orphan_is_deleted()
    {
        // A lost state directory: the catalog starts empty, the cluster still holds last week's record.
        var ledger = new EndpointLedger(Interval, TimeSpan.FromDays(7));
        ledger.Restore([Seen("a", T0.AddDays(-1)), Seen("b", T0.AddDays(-30)), Endpoint("no-status")]);
        ledger.Reconcile([], trafficNow: null);
        Assert.Empty(ledger.Due(T0));
        Assert.Equal(3, ledger.OrphansKept);
        Assert.Equal(0, ledger.PendingCount);
    }

    [Fact]
    public void An_orphan_is_deleted_only_once_its_own_last_call_is_older_than_the_delete_time_on_the_traffic_clock()
    {
        var ledger = new EndpointLedger(Interval, TimeSpan.FromDays(7));
        ledger.Restore([Seen("recent", T0.AddDays(-6)), Seen("old", T0.AddDays(-8)), Seen("fresh", T0)]);
        ledger.Reconcile([Endpoint("fresh")], trafficNow: T0);
        Assert.Equal([("shop", "old", ChangeKind.Delete)],
            ledger.Due(T0).Where(d => d.Kind == ChangeKind.Delete).Select(d => (d.Key.Namespace, d.Key.Name, d.Kind)));
        Assert.Equal(1, ledger.OrphansKept);
        // Two days more of traffic: "recent" is now eight days unseen.
        ledger.Reconcile([Endpoint("fresh")], trafficNow: T0.AddDays(2));
        Assert.Contains(ledger.Due(T0.AddDays(2)), d => d.Kind == ChangeKind.Delete && d.Key.Name == "recent");
        Assert.Equal(0, ledger.OrphansKept);
    }

    [Fact]
    public void A_404_on_the_status_is_remembered_for_the_retry()
    {
        var ledger = new EndpointLedger(Interval);
        ledger.Reconcile([Endpoint("a")]);
        var change = Assert.Single(ledger.Due(T0));
        ledger.ObjectWritten(change);
        ledger.Failed(change, T0.AddSeconds(2), statusMissing: true);
        Assert.Empty(ledger.Due(T0.AddSeconds(1)));
        var retry = Assert.Single(ledger.Due(T0.AddSeconds(2)));
        Assert.False(retry.NeedsObject);
        Assert.True(retry.NeedsStatus);
        Assert.True(retry.StatusMissing);
        Assert.Equal(1, retry.Failures);
    }

    [Fact]
    public void The_namespace_last_written_is_known_by_name()
    {
        var ledger = new EndpointLedger(Interval);
        ledger.Restore([Endpoint("a", ns: "payments"), Endpoint("b")]);
        var namespaces = ledger.NamespacesByName();
        Assert.Equal("payments", namespaces["a"]);
        Assert.Equal("shop", namespaces["b"]);
    }

    private static ApiSentinel.Crds.ApiEndpoints.V1Alpha1ApiEndpoint Seen(string name, DateTimeOffset lastSeen)
    {
        var resource = Endpoint(name);
        resource.Status!.Usage = new ApiSentinel.Crds.ApiEndpoints.ApiEndpointUsage
        {
            LastSeen = lastSeen.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        return resource;
    }

    [Fact]
    public void A_label_someone_else_added_is_not_a_change()
    {
        var ledger = new EndpointLedger(Interval);
        var listed = Endpoint("a");
        listed.Metadata.Labels["team"] = "payments";
        ledger.Restore([listed]);
        ledger.Reconcile([Endpoint("a")]);
        Assert.Empty(ledger.Due(T0));
    }

    [Fact]
    public void A_namespace_move_creates_the_new_resource_before_deleting_the_old()
    {
        var ledger = new EndpointLedger(Interval);
        ledger.Reconcile([Endpoint("a", ns: "default")]);
        WriteAll(ledger, T0);
        ledger.Reconcile([Endpoint("a", ns: "shop")]);
        Assert.Equal(
            [("shop", ChangeKind.New), ("default", ChangeKind.Delete)],
            ledger.Due(T0 + Interval).Select(d => (d.Key.Namespace, d.Kind)));
    }

    [Fact]
    public void A_failed_write_stays_due_after_its_backoff_with_its_failures_counted()
    {
        var ledger = new EndpointLedger(Interval);
        ledger.Reconcile([Endpoint("a")]);
        var change = Assert.Single(ledger.Due(T0));
        ledger.Failed(change, T0 + TimeSpan.FromSeconds(2));
        Assert.Empty(ledger.Due(T0 + TimeSpan.FromSeconds(1)));
        var retry = Assert.Single(ledger.Due(T0 + TimeSpan.FromSeconds(2)));
        Assert.Equal(1, retry.Failures);
        ledger.Failed(retry, T0 + TimeSpan.FromSeconds(6));
        Assert.Equal(2, ledger.FailuresOf(change.Key));
        WriteAll(ledger, T0 + TimeSpan.FromSeconds(6));
        Assert.Equal(0, ledger.FailuresOf(change.Key));
    }

    [Fact]
    public void A_write_no_longer_wanted_drops_its_retry()
    {
        var ledger = new EndpointLedger(Interval);
        ledger.Reconcile([Endpoint("a")]);
        ledger.Failed(Assert.Single(ledger.Due(T0)), T0 + TimeSpan.FromMinutes(5));
        ledger.Reconcile([]);
        Assert.Equal(0, ledger.FailuresOf(new ResourceKey("shop", "a")));
        Assert.Empty(ledger.Due(T0));
    }
}
