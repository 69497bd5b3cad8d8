using ApiSentinel.Collector.Findings;

namespace ApiSentinel.Collector.Tests.Findings;

public sealed class ScannerDetectionTests
{
    private const string Client = "203.0.113.7";

    [Fact]
    public void Ten_distinct_not_found_paths_within_the_window_are_a_scanner()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 10; i++)
        {
            detector.Plain(Client, i * 5, $"/probe{i:D2}", 404);
        }

        var finding = Assert.Single(detector.Findings());
        Assert.Equal(FindingKinds.Scanner, finding.Kind);
        Assert.Equal(FindingSeverities.Medium, finding.Severity);
        Assert.Equal(Client, finding.Client);
        Assert.Equal(Calls.At(0), finding.FromMicros);
        Assert.Equal(Calls.At(45), finding.ToMicros);
        Assert.Equal("10", finding.Evidence["distinctPaths"]);
        Assert.Equal("1.00", finding.Evidence["errorRatio"]);
        Assert.Equal("none", finding.Evidence["tool"]);
        Assert.Equal("/probe00, /probe01, /probe02, /probe03, /probe04, /probe05, /probe06, /probe07, /probe08, /probe09", finding.Evidence["samplePaths"]);
        Assert.Equal(10, finding.Endpoints.Count);
    }

    [Fact]
    public void Paths_called_before_the_error_share_rose_count_as_distinct()
    {
        // The distinct-path count is only kept while the 404 share is high; when it gets there it must still cover
        // the whole window: 8 pages that answered, then 404s on two paths, make 10 distinct paths.
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 8; i++)
        {
            detector.Plain(Client, i, $"/page{i}", 200);
        }

        for (var i = 0; i < 8; i++)
        {
            detector.Plain(Client, 8 + i, $"/missing{i % 2}", 404);
        }

        var finding = Assert.Single(detector.Findings());
        Assert.Equal("10", finding.Evidence["distinctPaths"]);
        Assert.Equal(10, finding.Endpoints.Count);
    }

    [Theory]
    [InlineData(8, true)]
    [InlineData(7, false)]
    public void The_distinct_path_count_survives_the_error_share_falling_and_rising_again(int probedPaths, bool scanner)
    {
        // 404s on one path (share 100 %), then successes until the share is below half the threshold, then 404s
        // again until it is back at 50 %: distinct paths are the first path, the page and the probed ones.
        var detector = new FindingDetector(new FindingOptions());
        var second = 0;
        for (var i = 0; i < 10; i++)
        {
            detector.Plain(Client, second++, "/x", 404);
        }

        for (var i = 0; i < 40; i++)
        {
            detector.Plain(Client, second++, "/y", 200);
        }

        for (var i = 0; i < 30; i++)
        {
            detector.Plain(Client, second++, $"/p{i % probedPaths}", 404);
        }

        if (scanner)
        {
            var finding = Assert.Single(detector.Findings());
            Assert.Equal($"{probedPaths + 2}", finding.Evidence["distinctPaths"]);
        }
        else
        {
            Assert.Empty(detector.Findings());
        }
    }

    [Fact]
    public void Nine_distinct_paths_are_below_the_threshold()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 9; i++)
        {
            detector.Plain(Client, i, $"/probe{i}", 404);
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void Many_paths_that_mostly_succeed_are_not_a_scanner()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 20; i++)
        {
            detector.Plain(Client, i, $"/page{i}", i % 3 == 0 ? 404 : 200);
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void Not_found_answers_spread_over_a_long_time_are_not_a_scanner()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 30; i++)
        {
            detector.Plain(Client, i * 60, $"/missing{i}", 404); // one a minute: at most 6 in any 5-minute window
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void The_same_missing_path_repeated_is_not_a_scanner()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 200; i++)
        {
            detector.Plain(Client, i, "/favicon.ico", 404);
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void A_405_counts_like_a_404()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 10; i++)
        {
            detector.Plain(Client, i, $"/admin{i}", i % 2 == 0 ? 404 : 405);
        }

        Assert.Equal("1.00", Assert.Single(detector.Findings()).Evidence["errorRatio"]);
    }

    [Fact]
    public void A_named_scanning_tool_is_a_high_severity_scanner_on_its_own()
    {
        var detector = new FindingDetector(new FindingOptions());
        detector.Plain(Client, 0, "/login", 200, tool: "sqlmap");

        var finding = Assert.Single(detector.Findings());
        Assert.Equal(FindingKinds.Scanner, finding.Kind);
        Assert.Equal(FindingSeverities.High, finding.Severity);
        Assert.Equal("sqlmap", finding.Evidence["tool"]);
        Assert.Equal("/login", finding.Evidence["samplePaths"]);
        Assert.Contains("sqlmap", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Calls_without_a_response_do_not_dilute_the_error_ratio()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 10; i++)
        {
            detector.Plain(Client, i, $"/x{i}", i < 5 ? 404 : null);
        }

        Assert.Equal("1.00", Assert.Single(detector.Findings()).Evidence["errorRatio"]);
    }

    [Fact]
    public void A_long_scan_is_one_episode_and_a_scan_an_hour_later_is_another()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 120; i++)
        {
            detector.Plain(Client, i * 10, $"/a{i}", 404); // 20 minutes, every window over threshold
        }

        for (var i = 0; i < 15; i++)
        {
            detector.Plain(Client, 5000 + i, $"/b{i}", 404);
        }

        var findings = detector.Findings();
        Assert.Equal(2, findings.Count);
        Assert.Equal(Calls.At(0), findings[0].FromMicros);
        Assert.Equal(Calls.At(1190), findings[0].ToMicros);
        Assert.Equal("120", findings[0].Evidence["distinctPaths"]);
        Assert.Equal("120", findings[0].Evidence["requests"]);
        Assert.Equal(FindingSeverities.High, findings[0].Severity); // ≥ 50 distinct paths
        Assert.Equal(Calls.At(5000), findings[1].FromMicros);
        Assert.Equal("15", findings[1].Evidence["distinctPaths"]);
    }

    [Fact]
    public void A_pause_shorter_than_the_merge_gap_continues_the_episode()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 12; i++)
        {
            detector.Plain(Client, i, $"/a{i}", 404);
        }

        for (var i = 0; i < 12; i++)
        {
            detector.Plain(Client, 240 + i, $"/b{i}", 404); // 4 minutes later
        }

        var finding = Assert.Single(detector.Findings());
        Assert.Equal("24", finding.Evidence["distinctPaths"]);
        Assert.Equal(Calls.At(251), finding.ToMicros);
    }

    [Fact]
    public void Samples_are_capped_and_only_templates()
    {
        var detector = new FindingDetector(new FindingOptions { ScannerSamplePaths = 3 });
        for (var i = 0; i < 10; i++)
        {
            detector.Observe(Calls.Call(Client, i, $"/users/{1000 + i}/x{i}", 404), Calls.Endpoint($"/users/{{id}}/x{i}"));
        }

        var sample = Assert.Single(detector.Findings()).Evidence["samplePaths"];
        Assert.Equal("/users/{id}/x0, /users/{id}/x1, /users/{id}/x2", sample);
    }
}
