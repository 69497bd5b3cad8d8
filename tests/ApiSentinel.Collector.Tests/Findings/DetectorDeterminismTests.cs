using ApiSentinel.Collector.Findings;

namespace ApiSentinel.Collector.Tests.Findings;

public sealed class DetectorDeterminismTests
{
    private static List<string> Run() => Detect().Select(Calls.Render).ToList();

    private static IReadOnlyList<Finding> Detect()
    {
        var detector = new FindingDetector(new FindingOptions());
        for (var i = 0; i < 40; i++)
        {
            detector.Plain("203.0.113.2", i, $"/scan{i}", 404);
            detector.Templated("203.0.113.1", i + 0.1, $"/users/{i}", "/users/{id}", 200);
            detector.Plain("203.0.113.3", i + 0.2, i % 2 == 0 ? "/login" : "/admin", 401);
            detector.Plain("203.0.113.1", i + 0.3, $"/scan{i}", 404);
        }

        return detector.Findings();
    }

    [Fact]
    public void The_same_calls_give_the_same_findings()
    {
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Findings_are_ordered_by_start_then_kind_then_client()
    {
        // A scanner episode starts at the oldest call of the window that triggered it: for .1 that is its first
        // /users call at 0.1 s, the same instant its enumeration starts, so kind breaks the tie.
        Assert.Equal(
        [
            "0.0 scanner 203.0.113.2",
            "0.1 enumeration 203.0.113.1",
            "0.1 scanner 203.0.113.1",
            "0.2 auth-failure-burst 203.0.113.3",
        ], Detect().Select(finding => $"{(finding.FromMicros - Calls.Epoch) / 1e6:0.0} {finding.Kind} {finding.Client}"));
    }

    [Fact]
    public void Findings_at_the_same_instant_are_ordered_by_kind_then_client()
    {
        var detector = new FindingDetector(new FindingOptions());
        detector.Plain("192.0.2.9", 0, "/x", 200, tool: "nikto");
        detector.Plain("192.0.2.1", 0, "/x", 200, tool: "nikto");
        for (var i = 0; i < 10; i++)
        {
            detector.Plain("192.0.2.5", 0, "/login", 401);
        }

        Assert.Equal(
            ["auth-failure-burst 192.0.2.5", "scanner 192.0.2.1", "scanner 192.0.2.9"],
            detector.Findings().Select(finding => $"{finding.Kind} {finding.Client}"));
    }
}
