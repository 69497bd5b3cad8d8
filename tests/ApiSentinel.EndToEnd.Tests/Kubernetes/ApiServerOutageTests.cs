using ApiSentinel.Crds.ApiEndpoints;
using ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes;

/// <summary>
/// An API server in trouble while traffic keeps changing the catalog: first it answers 429 (with Retry-After) to
/// every ApiEndpoint request, then 503, then it is not listening at all; then it recovers. Nothing is lost — every
/// endpoint ends written with its latest status — and the collector did not hot-loop: no endpoint was tried more
/// often than about once per flush interval while the server failed.
/// </summary>
public sealed class ApiServerOutageTests
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(5);

    private static readonly string[] Collections =
    [
        "accounts", "addresses", "baskets", "brands", "carts", "categories", "coupons", "customers", "deliveries",
        "discounts", "invoices", "items", "merchants", "notifications", "offers", "orders", "payments", "prices",
        "products", "refunds", "reviews", "shipments", "stores", "vouchers",
    ];

    [Fact]
    public async Task Throttled_failing_and_gone_api_server_loses_nothing_and_is_not_hammered()
    {
        await using var stack = await KubernetesStack.StartAsync();
        var sensor = stack.SyntheticSensor();
        var paths = Collections.Select(c => $"/api/v1/{c}").ToList();
        await sensor.SendAsync(SyntheticCalls.Gets(paths));
        await stack.WaitUntilWrittenAsync(paths.Count);
        var faults = stack.Cluster.Server.Faults;
        var mark = FakeCluster.Mark();
        var troubleStarted = DateTimeOffset.UtcNow;

        // 429 with Retry-After while every endpoint changes (more calls)…
        faults.Fail(429, forDuration: Phase, plural: V1Alpha1ApiEndpoint.KubePluralName, retryAfter: TimeSpan.FromSeconds(1));
        await sensor.SendAsync(SyntheticCalls.Gets(paths));
        await Task.Delay(Phase);
        // …then 503 while they change again…
        faults.Clear();
        faults.Fail(503, forDuration: Phase, plural: V1Alpha1ApiEndpoint.KubePluralName);
        await sensor.SendAsync(SyntheticCalls.Gets(paths.Concat(paths)));
        await Task.Delay(Phase);
        faults.Clear();
        // …then gone (connections refused) while they change once more.
        await stack.Cluster.Server.StopListeningAsync();
        await sensor.SendAsync(SyntheticCalls.Gets(paths));
        await Task.Delay(Phase);
        var troubleEnded = DateTimeOffset.UtcNow;
        var duringTrouble = stack.Cluster.Requests(mark);
        await stack.Cluster.Server.ResumeListeningAsync();

        // Nothing lost: each endpoint with all five rounds of calls, and its resource with the latest change marker.
        var catalog = await stack.WaitUntilWrittenAsync(paths.Count * 5L);
        Assert.Equal(paths.Count, catalog.Endpoints.Count);
        Assert.All(catalog.Endpoints, e => Assert.Equal(5L, (long)e!["requests"]!));
        Assert.Equal(paths.Count, stack.Cluster.ApiEndpoints().Count);

        // The faults bit (the collector did try, and was refused)…
        Assert.Contains(duringTrouble, r => r.Status == 429);
        Assert.Contains(duringTrouble, r => r.Status == 503);
        // …and no endpoint was tried more often than once per flush interval (plus the first try and one retry
        // after a Retry-After): a hot loop would try each hundreds of times.
        int allowed = (int)Math.Ceiling((troubleEnded - troubleStarted) / KubernetesStack.FlushInterval) + 2;
        var attempts = duringTrouble
            .Where(r => r.IsWrite && r.Targets(V1Alpha1ApiEndpoint.KubePluralName) && r.ResourceName(V1Alpha1ApiEndpoint.KubePluralName) is not null)
            .GroupBy(r => r.ResourceName(V1Alpha1ApiEndpoint.KubePluralName)!, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Count: g.Count()))
            .ToList();
        Assert.NotEmpty(attempts);
        Assert.All(attempts, a => Assert.True(a.Count <= allowed * 2, // an object apply and a status write per attempt
            $"{a.Name}: {a.Count} write attempts in {(troubleEnded - troubleStarted).TotalSeconds:0} s of trouble (allowed {allowed * 2})"));
        Assert.DoesNotContain(stack.Cluster.Requests(), r => r.IsRefusedAsInvalid);
    }
}
