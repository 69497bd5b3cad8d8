using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Pipeline;
using Xunit.Abstractions;

namespace ApiSentinel.Cli.Tests;

/// <summary>
/// Agreement with a mature analyzer: for each Zeek baseline in the shared corpus, run our pipeline on its trace
/// and compare (method, host, uri, status) as multisets. Every disagreement is listed below with its reason;
/// the test fails on any difference not listed, on a listed one that no longer occurs, and below 95 % agreement.
/// </summary>
public class ZeekCorpusTests(ITestOutputHelper output)
{
    /// <summary>Rows (Zeek's spelling) on which we knowingly disagree, per baseline, with the reason.</summary>
    private static readonly Dictionary<string, (string[] OnlyZeek, string[] OnlyOurs, string Why)> KnownDifferences = new()
    {
        ["opt.basic.expected.tsv"] = ([], ["GET\twww.wikipedia.org\t/\t304"],
            "Ours is right: the first connection (35634 -> 80) was captured without its handshake; Zeek does not " +
            "analyse HTTP on such partial connections, we pick it up mid-stream and its request and 304 are complete."),
        ["scripts.policy.protocols.http.header-names.expected.tsv"] = ([], ["GET\twww.wikipedia.org\t/\t304"],
            "The same trace as opt.basic: the mid-stream connection Zeek skips."),
        ["scripts.base.protocols.http.no-version.expected.tsv"] = (
            [
                "GET\t-\t/cgi-bin/formmail.pl?email=f2@aol.com&subject=www-nrg.ee/cgi-bin/formmail.pl&recipient=unknownz@buy2save.com&msg=w00t\t0",
                "-\t-\t-\t-",
            ],
            ["GET\t-\t/cgi-bin/formmail.pl?email=REDACTED&subject=www-nrg.ee/cgi-bin/formmail.pl&recipient=REDACTED&msg=w00t\t0"],
            "Privacy rule: the e-mail addresses in the query are detected sensitive values, so the target carries " +
            "REDACTED in their place (the exchange itself matches). Zeek's extra empty row is a phantom: the " +
            "connection holds one HTTP/0.9 request and its one response, which is all we report."),
    };

    private static IEnumerable<string> BaselineFiles() =>
        Directory.GetFiles(RepositoryPaths.ZeekCorpus, "*.expected.tsv").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public static TheoryData<string> Baselines() => new(BaselineFiles());

    [Theory]
    [MemberData(nameof(Baselines))]
    public void Matches_zeek_or_the_difference_is_explained(string baseline)
    {
        var (expected, ours) = Compare(baseline);
        var onlyZeek = MultisetMinus(expected, ours);
        var onlyOurs = MultisetMinus(ours, expected);
        foreach (var row in onlyZeek)
        {
            output.WriteLine("only zeek: " + row);
        }
        foreach (var row in onlyOurs)
        {
            output.WriteLine("only ours: " + row);
        }
        KnownDifferences.TryGetValue(baseline, out var known);
        Assert.Equal((known.OnlyZeek ?? []).Order(StringComparer.Ordinal), onlyZeek.Order(StringComparer.Ordinal));
        Assert.Equal((known.OnlyOurs ?? []).Order(StringComparer.Ordinal), onlyOurs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Overall_agreement_is_at_least_95_percent()
    {
        int matched = 0, total = 0;
        foreach (var baseline in BaselineFiles())
        {
            var (expected, ours) = Compare(baseline);
            total += expected.Count;
            matched += expected.Count - MultisetMinus(expected, ours).Count;
        }
        output.WriteLine($"agreement: {matched}/{total} = {100.0 * matched / total:F1} %");
        Assert.True(matched >= 0.95 * total, $"agreement {matched}/{total} is below 95 %");
    }

    private static (List<string> Expected, List<string> Ours) Compare(string baseline)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.ZeekCorpus, baseline));
        var trace = lines[0].Split('\t')[1].Trim();
        var expected = lines.Where(l => !l.StartsWith('#') && l.Length > 0).ToList();
        var ours = new List<string>();
        var pipeline = new TrafficPipeline(new SensorOptions(), r => ours.Add(Row(r)));
        using (var source = CaptureFileSource.Open(Path.Combine(RepositoryPaths.ZeekCorpus, trace)))
        {
            pipeline.Run(source);
        }
        pipeline.Complete();
        Assert.Equal(0, pipeline.Statistics.InternalErrors);
        return (expected, ours);
    }

    /// <summary>
    /// Our record in Zeek's conventions, which differ from ours only in spelling: Zeek logs the URI
    /// percent-decoded (we keep it as sent), and status 0 for a response without a status line (HTTP/0.9), where
    /// we say null and keep the response's body size.
    /// </summary>
    private static string Row(ExchangeRecord r)
    {
        var uri = r.Target is null ? "-" : PercentDecoding.DecodeToString(System.Text.Encoding.UTF8.GetBytes(r.Target), plusIsSpace: false);
        var status = r.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (r.ResponseBodyBytes is null ? "-" : "0");
        return string.Join('\t', r.Method ?? "-", r.Host ?? "-", uri, status);
    }

    private static List<string> MultisetMinus(List<string> a, List<string> b)
    {
        var remaining = b.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var row in a)
        {
            if (remaining.TryGetValue(row, out var n) && n > 0)
            {
                remaining[row] = n - 1;
            }
            else
            {
                result.Add(row);
            }
        }
        return result;
    }
}
