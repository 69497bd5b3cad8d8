using ApiSentinel.Collector.Findings;

namespace ApiSentinel.Collector.Tests.Findings;

public sealed class AuthFailureDetectionTests
{
    private const string Client = "192.0.2.99";

    [Fact]
    public void Ten_failures_within_a_minute_are_a_burst_across_endpoints()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 10; i++)
        {
            detector.Plain(Client, i * 3, i % 2 == 0 ? "/login" : "/token", i < 7 ? 401 : 403);
        }

        var finding = Assert.Single(detector.Findings());
        Assert.Equal(FindingKinds.AuthFailureBurst, finding.Kind);
        Assert.Equal(FindingSeverities.Medium, finding.Severity);
        Assert.Equal("10", finding.Evidence["failures"]);
        Assert.Equal("7", finding.Evidence["status401"]);
        Assert.Equal("3", finding.Evidence["status403"]);
        Assert.Equal("2", finding.Evidence["endpoints"]);
        Assert.Equal("27", finding.Evidence["windowSeconds"]);
        Assert.Equal("60", finding.Evidence["windowLimitSeconds"]);
        Assert.Equal([Calls.Endpoint("/login"), Calls.Endpoint("/token")], finding.Endpoints);
    }

    [Fact]
    public void Nine_failures_are_below_the_threshold()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 9; i++)
        {
            detector.Plain(Client, i, "/login", 401);
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void Failures_spread_over_minutes_are_not_a_burst()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 40; i++)
        {
            detector.Plain(Client, i * 10, "/login", 401); // 6 per minute
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void Successful_and_other_error_answers_do_not_count()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 50; i++)
        {
            detector.Plain(Client, i, "/login", i % 2 == 0 ? 200 : 500);
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void A_sustained_burst_is_one_episode_and_becomes_high()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 300; i++)
        {
            detector.Plain(Client, i, "/login", 401); // 5 minutes at one per second
        }

        var finding = Assert.Single(detector.Findings());
        Assert.Equal("300", finding.Evidence["failures"]);
        Assert.Equal("60", finding.Evidence["peakInWindow"]);
        Assert.Equal(FindingSeverities.High, finding.Severity);
        Assert.Equal(Calls.At(0), finding.FromMicros);
        Assert.Equal(Calls.At(299), finding.ToMicros);
    }

    [Fact]
    public void Bursts_further_apart_than_the_merge_gap_are_separate_findings()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 10; i++)
        {
            detector.Plain(Client, i, "/login", 401);
        }

        for (var i = 0; i < 10; i++)
        {
            detector.Plain(Client, 1000 + i, "/login", 401);
        }

        var findings = detector.Findings();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, finding => Assert.Equal("10", finding.Evidence["failures"]));
    }
}
