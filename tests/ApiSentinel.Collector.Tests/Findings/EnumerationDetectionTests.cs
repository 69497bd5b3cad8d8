using ApiSentinel.Collector.Findings;

namespace ApiSentinel.Collector.Tests.Findings;

public sealed class EnumerationDetectionTests
{
    private const string Client = "198.51.100.23";
    private const string Template = "/users/{userId}";

    [Fact]
    public void Sequential_ids_on_one_endpoint_are_an_enumeration()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var id = 1; id <= 20; id++)
        {
            detector.Templated(Client, id, $"/users/{id}", Template, 200);
        }

        var finding = Assert.Single(detector.Findings());
        Assert.Equal(FindingKinds.Enumeration, finding.Kind);
        Assert.Equal(FindingSeverities.High, finding.Severity);
        Assert.Equal("1-20", finding.Evidence["idRange"]);
        Assert.Equal("20", finding.Evidence["distinctIds"]);
        Assert.Equal("20", finding.Evidence["requests"]);
        Assert.Equal("1.00", finding.Evidence["successRatio"]);
        Assert.Equal("{userId}", finding.Evidence["parameter"]);
        Assert.Equal(Calls.At(1), finding.FromMicros);
        Assert.Equal(Calls.At(20), finding.ToMicros);
        Assert.Equal([Calls.Endpoint(Template)], finding.Endpoints);
    }

    [Fact]
    public void Nine_ids_are_below_the_threshold()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var id = 1; id <= 9; id++)
        {
            detector.Templated(Client, id, $"/users/{id}", Template, 200);
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void Scattered_ids_are_not_an_enumeration()
    {
        var detector = new FindingDetector(new FindingOptions());
        long[] ids = [7, 1503, 88, 42_000, 613, 9_999, 250, 31, 77_777, 4_096, 12, 560, 3_001, 808, 19_000];
        for (var i = 0; i < ids.Length; i++)
        {
            detector.Templated(Client, i, $"/users/{ids[i]}", Template, 200);
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void Small_gaps_still_count_as_a_walk()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 12; i++)
        {
            detector.Templated(Client, i, $"/users/{100 + (i * 3)}", Template, 200); // step 3 = the default max gap
        }

        Assert.Equal("100-133", Assert.Single(detector.Findings()).Evidence["idRange"]);
    }

    [Fact]
    public void Gaps_above_the_limit_break_the_run()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 30; i++)
        {
            detector.Templated(Client, i, $"/users/{i * 4}", Template, 200);
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void Ids_spread_over_a_long_time_are_not_an_enumeration()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var id = 1; id <= 30; id++)
        {
            detector.Templated(Client, id * 60, $"/users/{id}", Template, 200);
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void The_same_id_repeated_is_not_an_enumeration()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 100; i++)
        {
            detector.Templated(Client, i, "/users/5", Template, 200);
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void Non_numeric_parameter_values_are_ignored()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 20; i++)
        {
            detector.Templated(Client, i, i % 2 == 0 ? "/users/REDACTED" : $"/users/user-{i}", Template, 200);
        }

        Assert.Empty(detector.Findings());
    }

    [Fact]
    public void Mostly_failing_lookups_are_medium_severity()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var id = 1; id <= 10; id++)
        {
            detector.Templated(Client, id, $"/users/{id}", Template, id <= 2 ? 200 : 404);
        }

        var finding = Assert.Single(detector.Findings());
        Assert.Equal(FindingSeverities.Medium, finding.Severity);
        Assert.Equal("0.20", finding.Evidence["successRatio"]);
    }

    [Fact]
    public void Each_parameter_position_is_tracked_separately()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var order = 1; order <= 10; order++)
        {
            detector.Templated(Client, order, $"/users/77/orders/{order}", "/users/{userId}/orders/{orderId}", 200);
        }

        var finding = Assert.Single(detector.Findings());
        Assert.Equal("1-10", finding.Evidence["idRange"]);
        Assert.Equal("{orderId}", finding.Evidence["parameter"]);
    }

    [Fact]
    public void Walks_on_two_endpoints_in_one_episode_give_one_finding_naming_both()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var id = 1; id <= 10; id++)
        {
            detector.Templated(Client, id, $"/users/{id}", Template, 200);
            detector.Templated(Client, id + 0.5, $"/invoices/{id + 500}", "/invoices/{invoiceId}", 200);
        }

        var finding = Assert.Single(detector.Findings());
        Assert.Equal(2, finding.Endpoints.Count);
        Assert.Equal("GET shop.test/invoices/{invoiceId} {invoiceId}: 501-510; GET shop.test/users/{userId} {userId}: 1-10", finding.Evidence["idRange"]);
        Assert.Equal("20", finding.Evidence["distinctIds"]);
    }

    [Fact]
    public void A_continuing_walk_extends_one_episode()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var id = 1; id <= 600; id++)
        {
            detector.Templated(Client, id * 2, $"/users/{id}", Template, 200); // 20 minutes
        }

        var finding = Assert.Single(detector.Findings());
        Assert.Equal("1-600", finding.Evidence["idRange"]);
        Assert.Equal("600", finding.Evidence["distinctIds"]);
        Assert.Equal(Calls.At(1200), finding.ToMicros);
    }

    [Fact]
    public void A_path_that_does_not_fit_its_template_yields_no_ids()
    {
        Span<(int Position, long Id)> found = stackalloc (int, long)[4];
        Assert.Equal(0, NumericPathParameter.Extract("/users/{id}", "/users/5/extra", found));
        Assert.Equal(0, NumericPathParameter.Extract("/users/list", "/users/5", found));
        Assert.Equal(0, NumericPathParameter.Extract("/users/{id}", "/users/1234567890123456789", found)); // 19 digits
        Assert.Equal(2, NumericPathParameter.Extract("/a/{x}/b/{y}", "/a/3/b/9", found));
        Assert.Equal((2, 3L), found[0]);
        Assert.Equal((4, 9L), found[1]);
    }
}
