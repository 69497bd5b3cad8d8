using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace ApiSentinel.Cli.Tests.Adversarial.Output;

/// <summary>
/// Items 6 and 7 end to end, through the real program: captures and HAR files with hostile hosts and targets
/// give tables and stderr with nothing that is not shown as itself, JSON that parses, and YAML that parses back
/// to what the JSON says; a file name with escapes gives one safe error line.
/// </summary>
public sealed class HostileCaptureOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apisentinel-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(41, "--pcap")]
    [InlineData(42, "--har")]
    public void Every_output_of_hostile_traffic_is_safe_and_parses(int seed, string flag)
    {
        var traffic = HostileTraffic.Build(seed);
        var path = Path.Combine(_dir, flag == "--pcap" ? "hostile.pcap" : "hostile.har");
        if (flag == "--pcap")
        {
            traffic.WritePcap(path);
        }
        else
        {
            traffic.WriteHar(path);
        }
        foreach (var (command, format) in new[] { ("exchanges", "table"), ("analyze", "table") })
        {
            var run = CliProcess.Run(command, flag, path, "--format", format, "--masked-samples");
            Assert.True(run.ExitCode == 0, run.Stderr);
            foreach (var line in (run.Stdout + run.Stderr).Split('\n'))
            {
                HostileText.AssertSafe(line);
            }
            // The hostile text did reach the table, as visible escapes (the test would prove nothing otherwise). Only
            // from the capture: a HAR's URL is percent-encoded by its recorder and its hostile Host headers are not
            // valid hosts (shown as "invalid"), so nothing hostile is left for a HAR's table to escape.
            if (flag == "--pcap")
            {
                Assert.Contains("\\u", run.Stdout, StringComparison.Ordinal);
            }
            if (command == "exchanges")
            {
                var lines = run.StdoutLines;
                Assert.Equal(traffic.Exchanges.Count + 1, lines.Length);
                Assert.All(lines, l => Assert.InRange(l.Length, 1, 200));
                TerminalOutputTests.AssertColumnsAlign(lines[0], lines.Skip(1));
            }
        }
        var jsonl = CliProcess.Run("exchanges", flag, path, "--quiet");
        foreach (var line in jsonl.StdoutLines)
        {
            HostileText.AssertSafe(line);
            JsonDocument.Parse(line).Dispose();
        }
        var json = CliProcess.Run("analyze", flag, path, "--format", "json", "--quiet");
        var endpoints = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("endpoints").EnumerateArray().ToList();
        var yaml = CliProcess.Run("analyze", flag, path, "--format", "yaml", "--quiet");
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml.Stdout));
        Assert.Equal(endpoints.Count, stream.Documents.Count);
        for (var i = 0; i < endpoints.Count; i++)
        {
            var spec = (YamlMappingNode)((YamlMappingNode)stream.Documents[i].RootNode)["spec"];
            Assert.Equal(endpoints[i].GetProperty("host").GetString(), ((YamlScalarNode)spec["host"]).Value);
            Assert.Equal(endpoints[i].GetProperty("path").GetString(), ((YamlScalarNode)spec["path"]).Value);
        }
        var openapi = CliProcess.Run("analyze", flag, path, "--format", "openapi", "--quiet");
        JsonDocument.Parse(openapi.Stdout).Dispose();
        foreach (var line in openapi.Stdout.Split('\n'))
        {
            HostileText.AssertSafe(line);
        }
    }

    [Fact]
    public void An_error_naming_a_hostile_file_is_one_safe_line()
    {
        var name = Path.Combine(_dir, "evil\u001b]0;owned\u0007\u202Egnp.pcap\u2028next");
        var result = CliProcess.Run("analyze", "--pcap", name);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        HostileText.AssertSafe(line);
        Assert.Contains("\\u001B]0;owned\\u0007\\u202Egnp.pcap\\u2028next", line, StringComparison.Ordinal);
    }
}
