using System.Text;
using System.Text.Json;
using ApiSentinel.Cli.Output;
using ApiSentinel.Cli.Output.Catalog;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Collector.Reports;

namespace ApiSentinel.Cli.Tests.Adversarial.Output;

/// <summary>
/// Issue 6 item 7: bidi controls, invisible characters, separators and every other control or format character
/// are shown as visible escapes in every human-readable output (both tables, stderr), by one rule
/// (<see cref="TerminalText"/>), and escaped in JSON.
/// </summary>
public sealed class TerminalOutputTests
{
    [Theory]
    [InlineData("/files/\u202Egnp.exe", "/files/\\u202Egnp.exe")]
    [InlineData("a\u2066b\u2069\u200Bc\u2028d\uFEFFe\u00ADf\u061Cg\u200Eh", "a\\u2066b\\u2069\\u200Bc\\u2028d\\uFEFFe\\u00ADf\\u061Cg\\u200Eh")]
    [InlineData("\u001B[2J\u0007\u0085\u009B", "\\u001B[2J\\u0007\\u0085\\u009B")]
    [InlineData("ok é 😀", "ok é 😀")]
    public void Characters_that_do_not_show_as_themselves_become_visible_escapes(string text, string shown) =>
        Assert.Equal(shown, TerminalText.Neutralise(text));

    [Fact]
    public void Astral_format_characters_and_lone_surrogates_are_escaped_and_pairs_are_never_cut_apart()
    {
        Assert.Equal("lone \\uD800 surrogate \\uDC00", TerminalText.Neutralise("lone \uD800 surrogate \uDC00"));
        Assert.Equal("x\\U000E0041", TerminalText.Neutralise("x" + char.ConvertFromUtf32(0xE0041)));
        var cut = TerminalText.Cut("ab😀cd", 4);
        Assert.Equal("ab…", cut);
        Assert.DoesNotContain(cut, char.IsSurrogate);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6006)]
    public void Generated_hostile_text_is_always_safe_and_within_its_width(int seed)
    {
        var text = new HostileText(seed);
        for (var i = 0; i < 2000; i++)
        {
            var value = text.Next(1 + i % 7);
            var width = 1 + i % 40;
            var cut = TerminalText.Cut(value, width);
            HostileText.AssertSafe(cut);
            Assert.InRange(cut.Length, 1, width);
            Assert.True(TerminalText.IsSafe(TerminalText.Neutralise(value)));
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(1234)]
    public void Catalog_table_of_a_hostile_catalog_is_safe_on_every_line(int seed)
    {
        var output = new StringWriter();
        CatalogTableWriter.Write(output, HostileCatalog.Build(seed), colour: false);
        foreach (var line in output.ToString().Split(Environment.NewLine))
        {
            HostileText.AssertSafe(line);
        }
        Assert.Contains("MASKED SAMPLES", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(777)]
    public void Exchanges_table_of_hostile_records_is_safe_aligned_and_within_200_characters(int seed)
    {
        var text = new HostileText(seed);
        var output = new StringWriter();
        using (var writer = new TableExchangeWriter(output))
        {
            for (var i = 0; i < 200; i++)
            {
                writer.Write(Record(text, i));
            }
        }
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(201, lines.Length);
        Assert.Equal(TableExchangeWriter.MaxLineWidth, TableExchangeWriter.Layout.Width);
        foreach (var line in lines)
        {
            HostileText.AssertSafe(line);
            Assert.InRange(line.Length, 1, TableExchangeWriter.MaxLineWidth);
        }
        AssertColumnsAlign(lines[0], lines.Skip(1));
    }

    /// <summary>
    /// Every header label starts where its column starts (right-aligned numbers: ends where it ends), and in
    /// every row each column is preceded by the separating space — so no cell spills into its neighbour.
    /// </summary>
    internal static void AssertColumnsAlign(string header, IEnumerable<string> rows)
    {
        var starts = TableExchangeWriter.Layout.Starts;
        string[] labels = ["TIME", "CLIENT", "SERVER", "METHOD", "HOST", "TARGET", "STATUS", "REQ", "RESP", "AUTH", "SENSITIVE"];
        string[] rightAligned = ["STATUS", "REQ", "RESP"];
        for (var i = 0; i < labels.Length; i++)
        {
            var at = header.IndexOf(labels[i], StringComparison.Ordinal);
            if (rightAligned.Contains(labels[i]))
            {
                Assert.Equal(starts[i + 1] - 1, at + labels[i].Length); // ends one space before the next column
            }
            else
            {
                Assert.Equal(starts[i], at);
            }
        }
        foreach (var row in rows)
        {
            for (var i = 1; i < starts.Count; i++)
            {
                if (row.Length > starts[i])
                {
                    Assert.True(row[starts[i] - 1] == ' ', $"column {labels[i]} is not separated at {starts[i]} in: {row}");
                }
            }
        }
    }

    private static ExchangeRecord Record(HostileText text, int i) => new()
    {
        TimestampMicros = 1_764_000_000_000_000 + i,
        Client = i % 2 == 0 ? "[2001:db8:ffff:ffff:ffff:ffff:ffff:1]:40000" : "192.0.2.1:40000",
        Server = "198.51.100.20:80",
        Method = text.Next(2),
        Host = text.Next(8),
        Target = "/" + text.Next(20),
        Status = i % 3 == 0 ? null : 200,
        RequestBodyBytes = i % 5 == 0 ? long.MaxValue : 10,
        ResponseBodyBytes = 99_999_999_999,
        Auth = new AuthObservation(AuthKind.Jwt, "header:authorization", text.Next(2), null),
        Sensitive = [new SensitiveObservation("credit-card", "request.path", 1), new SensitiveObservation("email", "response.body", 1)],
        RequestHeaderNames = [],
        ResponseHeaderNames = [],
        QueryParameters = [],
        Notes = [],
    };

    [Theory]
    [InlineData(21)]
    [InlineData(2100)]
    public void Json_outputs_escape_every_control_format_and_separator_character(int seed)
    {
        var catalog = HostileCatalog.Build(seed);
        using var stream = new MemoryStream();
        CatalogJsonWriter.Write(stream, catalog, HostileCatalog.Clients());
        var json = Encoding.UTF8.GetString(stream.ToArray());
        foreach (var line in json.Split('\n'))
        {
            HostileText.AssertSafe(line);
        }
        var endpoints = JsonDocument.Parse(json).RootElement.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(catalog.Endpoints.Select(e => HostileText.AsEncodable(e.Key.Host)), endpoints.Select(e => e.GetProperty("host").GetString()));

        var text = new HostileText(seed);
        using var lines = new MemoryStream();
        using (var writer = new JsonLinesExchangeWriter(lines))
        {
            for (var i = 0; i < 50; i++)
            {
                writer.Write(Record(text, i));
            }
            writer.Complete();
        }
        foreach (var line in Encoding.UTF8.GetString(lines.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            HostileText.AssertSafe(line);
            JsonDocument.Parse(line).Dispose();
        }
    }
}
