namespace ApiSentinel.Cli.Tests.Adversarial.Privacy;

/// <summary>
/// Every output the CLI produces from traffic: <c>exchanges</c> (jsonl, table) and <c>analyze</c> (table,
/// json, yaml, openapi), each with and without <c>--masked-samples</c>, stdout and stderr (the summary, with
/// no <c>--quiet</c>) — run as the real program, and searched for every planted marker in every form.
/// </summary>
internal static class OutputChannels
{
    public enum Input { Pcap, Har }

    private static readonly (string Command, string Format)[] Formats =
    [
        ("exchanges", "jsonl"), ("exchanges", "table"), ("analyze", "table"), ("analyze", "json"), ("analyze", "yaml"), ("analyze", "openapi"),
    ];

    /// <summary>Writes the traffic in the given input form and returns one line per leak (empty: none).</summary>
    public static IReadOnlyList<string> Leaks(PlantedTraffic traffic, Input input, string directory)
    {
        var path = Path.Combine(directory, $"planted-{traffic.Seed}.{(input == Input.Pcap ? "pcap" : "har")}");
        if (input == Input.Pcap)
        {
            traffic.WritePcap(path);
        }
        else
        {
            Assert.True(traffic.WriteHar(path) > 0, "no exchange of this placement can be written as HAR");
        }
        var expected = input == Input.Pcap ? traffic.Exchanges.Count : traffic.Exchanges.Count(e => e.HarUrl is not null);
        var leaks = new List<string>();
        foreach (var (command, format) in Formats)
        {
            foreach (var masked in new[] { false, true })
            {
                string[] args = [command, input == Input.Pcap ? "--pcap" : "--har", path, "--format", format, .. masked ? new[] { "--masked-samples" } : []];
                var run = CliProcess.Run(args);
                var channel = $"{command} --format {format}{(masked ? " --masked-samples" : "")} ({input})";
                if (run.ExitCode != 0)
                {
                    leaks.Add($"{channel}: exit code {run.ExitCode}: {run.Stderr.Split('\n')[0]}");
                }
                if (command == "exchanges" && format == "jsonl")
                {
                    // A harness that reads nothing finds nothing: every planted exchange must have been seen.
                    Assert.True(run.StdoutLines.Length == expected, $"{channel}: {run.StdoutLines.Length} records for {expected} planted exchanges");
                }
                Search(traffic, run.Stdout, channel + " stdout", leaks);
                Search(traffic, run.Stderr, channel + " stderr", leaks);
            }
        }
        return leaks;
    }

    private static void Search(PlantedTraffic traffic, string output, string channel, List<string> leaks)
    {
        foreach (var marker in traffic.Markers)
        {
            if (MarkerForms.FoundIn(output, marker.Value) is { } form)
            {
                leaks.Add($"{marker.Kind} marker planted in {marker.Location} found {form} in {channel}: {marker.Value}");
            }
        }
    }

    /// <summary>Fails with every leak listed, grouped so a reader sees which placements and channels leak.</summary>
    public static void AssertNone(IReadOnlyList<string> leaks)
    {
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks:\n" + string.Join('\n', leaks.Distinct().Take(200)));
    }
}
