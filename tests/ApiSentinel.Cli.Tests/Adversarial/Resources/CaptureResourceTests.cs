using ApiSentinel.Bench.Adversarial.Inputs;

namespace ApiSentinel.Cli.Tests.Adversarial.Resources;

// Resource classes of issue 6 owned by the capture side (items 14 and 15). Each input is run through the real CLI
// in a child process with a heap cap and a timeout (LimitedCliRun); bounds are scaled down with the CLI's options
// so that they bite at test sizes, and what they dropped must be counted in the summary.

/// <summary>Item 14: a SYN flood. Before the connection bound: 500 k flows took 1.2 GB (~2.4 KB per flow).</summary>
[Collection(ResourceHarness.Name)]
public sealed class SynFloodResourceTests
{
    [Theory]
    [InlineData("analyze")]
    [InlineData("exchanges")]
    public void A_syn_flood_stays_within_the_connection_bound_and_counts_evictions(string command)
    {
        const int flows = 60_000;
        var run = LimitedCliRun.Of(new SynFloodCapture(), flows, command, "--max-connections", "2000")
            .AssertCleanWithin(200L * 1024 * 1024, errorAllowed: false);
        Assert.Contains($"{flows - 2000:N0} connections evicted by the connection-count bound", run.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>Item 15: pipelined gzip POSTs that inflate to 64 KiB and are never answered. Before: 300 × 100 took 2 GB.</summary>
[Collection(ResourceHarness.Name)]
public sealed class PipelinedGzipResourceTests
{
    [Theory]
    [InlineData("analyze")]
    [InlineData("exchanges")]
    public void Unanswered_pipelined_inflating_bodies_share_one_bounded_inspection_budget(string command)
    {
        const int connections = 60; // × 100 requests: ~390 MB of windows if each message kept its own
        var run = LimitedCliRun.Of(new PipelinedGzipCapture(), connections, command, "--inspection-budget", "8388608")
            .AssertCleanWithin(200L * 1024 * 1024, errorAllowed: false);
        var requests = $"{connections * PipelinedGzipCapture.RequestsPerConnection:N0}";
        Assert.Contains(command == "analyze" ? $"from {requests} calls" : $"{requests} exchanges", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("bodies inspected in part or not at all (shared inspection budget exhausted)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("requests given up unanswered by the bound on requests awaiting responses", run.Stderr, StringComparison.Ordinal);
    }
}
