using ApiSentinel.Bench.Adversarial.Inputs;

namespace ApiSentinel.Cli.Tests.Adversarial.Resources;

// Resource classes of the catalog and HAR input (items 16-18), fixed on the catalog/HAR branch of issue 6: on a
// branch without that work these tests fail (peak RSS over the bound, or the timeout).

/// <summary>Item 16: distinct hosts. Before: 200 k Host headers took 1.8 GB in analyze (~9 KB per host).</summary>
[Collection(ResourceHarness.Name)]
public sealed class CatalogManyHostsResourceTests
{
    [Fact]
    public void Distinct_hosts_are_bounded_with_a_counted_overflow() =>
        LimitedCliRun.Of(new ManyHostsCapture(), 60_000).AssertCleanWithin(250L * 1024 * 1024, errorAllowed: false);
}

/// <summary>Item 16: distinct methods. Before: 200 k methods took 975 MB (~5 KB per method).</summary>
[Collection(ResourceHarness.Name)]
public sealed class CatalogManyMethodsResourceTests
{
    [Fact]
    public void Distinct_methods_are_bounded_with_a_counted_overflow() =>
        LimitedCliRun.Of(new ManyMethodsCapture(), 80_000).AssertCleanWithin(250L * 1024 * 1024, errorAllowed: false);
}

/// <summary>Item 17: findings × endpoints. Before: 10 k scanner findings over many endpoints did not finish in 5 minutes.</summary>
[Collection(ResourceHarness.Name)]
public sealed class CatalogScannerFindingsResourceTests
{
    [Fact]
    public void Many_findings_over_many_endpoints_build_without_quadratic_work() =>
        LimitedCliRun.Of(new ScannerFindingsCapture(), 2_000).AssertCleanWithin(400L * 1024 * 1024, errorAllowed: false);
}

/// <summary>Item 18: HAR size. Before: an 84 MB HAR peaked at 344 MB (loaded whole).</summary>
[Collection(ResourceHarness.Name)]
public sealed class HarSizeResourceTests
{
    [Fact]
    public void A_large_har_is_streamed() =>
        // ~50 MB of HAR: ~250 MB when loaded whole.
        LimitedCliRun.Of(new LargeHar(), 16_000).AssertCleanWithin(160L * 1024 * 1024, errorAllowed: false);
}
