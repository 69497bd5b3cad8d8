using System.Text.Json;
using System.Text.Json.Nodes;
using ApiSentinel.Cli.Tests.Adversarial.Output;

namespace ApiSentinel.Cli.Tests;

/// <summary>
/// Issue 6 item 26: <c>exchanges --har</c> reads HAR through the same extractor as <c>analyze --har</c>; the
/// summary on stderr says what was read; the exchanges table's header sits over its columns and rows fit in
/// 200 characters.
/// </summary>
public sealed class ExchangesHarAndSummaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apisentinel-exchanges-har-").FullName;
    private static readonly string Demo = Path.Combine(RepositoryPaths.Samples, "demo.pcap");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Har()
    {
        JsonObject Entry(string url, string body) => new()
        {
            ["startedDateTime"] = "2026-11-22T10:00:00.123Z",
            ["time"] = 4.0,
            ["request"] = new JsonObject { ["method"] = "GET", ["url"] = url, ["httpVersion"] = "HTTP/1.1", ["headers"] = new JsonArray() },
            ["response"] = new JsonObject
            {
                ["status"] = 200, ["httpVersion"] = "HTTP/1.1",
                ["headers"] = new JsonArray(new JsonObject { ["name"] = "Content-Type", ["value"] = "application/json" }),
                ["content"] = new JsonObject { ["mimeType"] = "application/json", ["text"] = body },
            },
        };
        var har = new JsonObject
        {
            ["log"] = new JsonObject
            {
                ["version"] = "1.2",
                ["entries"] = new JsonArray(
                    Entry("https://pay.example/v1/cards/1", "{\"pan\":\"5555555555554444\"}"),
                    Entry("https://pay.example/v1/cards/2", "{\"pan\":\"4012888888881881\"}"),
                    Entry("https://pay.example/v1/health", "{}")),
            },
        };
        var path = Path.Combine(_dir, "pay.har");
        File.WriteAllText(path, har.ToJsonString());
        return path;
    }

    [Fact]
    public void Exchanges_reads_har_files_through_the_same_extractor_as_analyze()
    {
        var har = Har();
        var exchanges = CliProcess.Run("exchanges", "--har", har);
        Assert.True(exchanges.ExitCode == 0, exchanges.Stderr);
        var records = exchanges.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["/v1/cards/1", "/v1/cards/2", "/v1/health"], records.Select(r => r.GetProperty("target").GetString()));
        Assert.All(records, r => Assert.Equal("pay.example", r.GetProperty("host").GetString()));
        Assert.Equal(2, records.Count(r => r.GetProperty("sensitive").EnumerateArray().Any(t => t.GetString() == "credit-card")));
        Assert.DoesNotContain("5555555555554444", exchanges.Stdout, StringComparison.Ordinal);
        Assert.Contains("read 1 HAR file (3 entries", exchanges.Stderr, StringComparison.Ordinal);

        var analyze = CliProcess.Run("analyze", "--har", har, "--format", "json");
        var endpoints = JsonDocument.Parse(analyze.Stdout).RootElement.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(records.Count, endpoints.Sum(e => e.GetProperty("requests").GetInt32()));
        Assert.Contains("read 1 HAR file (3 entries", analyze.Stderr, StringComparison.Ordinal);

        var both = CliProcess.Run("exchanges", "--pcap", Demo, "--har", har);
        Assert.Equal(21 + 3, both.StdoutLines.Length);
        Assert.Contains("read 1 capture file (163 frames, 0.0 MB) and 1 HAR file (3 entries", both.Stderr, StringComparison.Ordinal);
        Assert.Contains("24 exchanges", both.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_analyze_summary_says_what_was_read()
    {
        var result = CliProcess.Run("analyze", "--pcap", Demo, Demo);
        var first = result.Stderr.Split('\n')[0];
        Assert.StartsWith("apisentinel: read 2 capture files (326 frames, ", first, StringComparison.Ordinal);
        Assert.Contains("42 exchanges over 16 connections", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Exchanges_table_header_sits_over_its_columns_and_rows_fit_in_200_characters()
    {
        var result = CliProcess.Run("exchanges", "--pcap", Demo, "--format", "table", "--masked-samples");
        var lines = result.StdoutLines;
        Assert.Equal(22, lines.Length);
        Assert.All(lines, l => Assert.InRange(l.Length, 1, 200));
        TerminalOutputTests.AssertColumnsAlign(lines[0], lines.Skip(1));
        // The cells hold what the JSON Lines record says, at the header's positions.
        var first = JsonDocument.Parse(CliProcess.Run("exchanges", "--pcap", Demo, "--quiet").StdoutLines[0]).RootElement;
        var header = lines[0];
        Assert.Equal(first.GetProperty("ts").GetString(), lines[1][..27]);
        Assert.Equal(first.GetProperty("client").GetString(), lines[1].Substring(header.IndexOf("CLIENT", StringComparison.Ordinal), 21).TrimEnd());
        Assert.Equal(first.GetProperty("method").GetString(), lines[1].Substring(header.IndexOf("METHOD", StringComparison.Ordinal), 7).TrimEnd());
        Assert.Equal(first.GetProperty("target").GetString(), lines[1].Substring(header.IndexOf("TARGET", StringComparison.Ordinal), 36).TrimEnd());
    }
}
