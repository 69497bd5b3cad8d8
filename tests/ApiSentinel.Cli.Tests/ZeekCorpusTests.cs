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

    private static string Row(ExchangeRecord r) =>
        string.Join('\t', r.Method ?? "-", r.Host ?? "-", r.Target ?? "-", r.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");

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
