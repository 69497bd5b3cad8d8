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
