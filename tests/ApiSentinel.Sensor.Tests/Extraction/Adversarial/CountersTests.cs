using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>What the extractor refuses to echo is counted, and every counter is listed for the summary.</summary>
public class CountersTests
{
    [Fact]
    public void Each_kind_of_refusal_is_counted_once_and_listed()
    {
        var harness = new ExtractorHarness();
        var g = new Planted(3);
        harness.Extract(TestMessages.Request("GET /", "/", ("Host", "bad host")));
        harness.Extract(TestMessages.Request("GET", "/", (g.AwsAccessKeyId(), "1")));
        harness.Respond($"{{\"{g.Email()}\":1}}");

        var losses = harness.Counters.Losses().ToDictionary(l => l.What, l => l.Count);
        Assert.Equal(1, losses["invalid request methods (reported as INVALID)"]);
        Assert.Equal(1, losses["invalid hosts (never echoed)"]);
        Assert.Equal(1, losses["names withheld because they held data"]);
        Assert.Equal(1, losses["JSON keys or form names that held data (reported as {key})"]);
    }
}

/// <summary>Hosts and cookie names withheld are counted once per exchange, and cookie names that held data are located.</summary>
public class HostAndCookieCountersTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 2026];

    private static string Invalid(Planted g) => g.Pick(["bad host", "a_b..example", "h%00.example", "[::1", "x:y:z"]) + g.Random.Next(10);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void An_invalid_host_counts_once_per_exchange_wherever_it_is(int seed)
    {
        var g = new Planted(seed);
        var harness = new ExtractorHarness();
        var exchanges = 0;
        for (var i = 0; i < 50; i++)
        {
            var where = g.Random.Next(3);
            var authority = where == 1 ? "h.example" : Invalid(g);
            var request = where switch
            {
                0 => TestMessages.Request("GET", "/x", ("Host", Invalid(g))),
                1 => TestMessages.Request("GET", $"http://{authority}/x"), // valid: not counted
                _ => TestMessages.Request("GET", $"http://{authority}/x", ("Host", Invalid(g))),
            };
            harness.Extract(request);
            exchanges += where == 1 ? 0 : 1;
        }
        Assert.Equal(exchanges, harness.Counters.InvalidHosts);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_host_that_holds_data_is_counted(int seed)
    {
        var g = new Planted(seed);
        var harness = new ExtractorHarness();
        for (var i = 0; i < 20; i++)
        {
            var host = g.Random.Next(2) == 0 ? g.Card() + ".example" : g.Ssn() + ".example";
            var record = harness.Extract(g.Random.Next(2) == 0
                ? TestMessages.Request("GET", "/x", ("Host", host))
                : TestMessages.Request("GET", $"http://{host}/x", ("Host", host)));
            Assert.Equal(Placeholders.RedactedHost, record.Host);
        }
        Assert.Equal(20, harness.Counters.RedactedHosts);
        Assert.Equal(20, harness.Counters.Losses().Single(l => l.What == "hosts that held data (never echoed)").Count);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Cookie_names_that_hold_data_are_counted_and_located(int seed)
    {
        var g = new Planted(seed);
        var harness = new ExtractorHarness();
        for (var i = 0; i < 20; i++)
        {
            var (value, type) = g.Random.Next(2) == 0 ? (g.Email(), "email") : (g.Card(), "credit-card");
            var record = harness.Extract(TestMessages.Request("GET", "/x", ("Cookie", $"theme=dark; {value}=1; sessionid=abc123")));
            Assert.Contains(record.Sensitive, s => s.Location == ExtractionLocations.CookieName && s.Type == type);
            PlantedValues.AssertAbsent(record, [value]);
        }
        Assert.Equal(20, harness.Counters.NamesWithheld);
    }
}
