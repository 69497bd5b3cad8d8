using ApiSentinel.Collector.Templating;
using Xunit.Abstractions;
using static ApiSentinel.Collector.Tests.Templating.TemplaterFixture;

namespace ApiSentinel.Collector.Tests.Templating;

/// <summary>
/// The accuracy target: F1 ≥ 0.97 of recovered templates against the true ones. Precision is the share of
/// distinct recovered templates that are true templates; recall the share of true templates recovered.
/// </summary>
public class AccuracySelfCheckTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(31, 60)]
    [InlineData(32, 150)]
    [InlineData(33, 400)]
    public void Recovered_templates_reach_the_accuracy_target(int seed, int callsPerFamily)
    {
        var random = new Random(seed);
        var calls = AccuracyTraffic.Generate(random, callsPerFamily).ToArray();
        random.Shuffle(calls);
        var templater = Observed(new TemplatingOptions(), calls.Select(c => c.Path));

        var truth = calls.Select(c => c.Truth).ToHashSet(StringComparer.Ordinal);
        var recovered = new HashSet<string>(StringComparer.Ordinal);
        int correctCalls = 0;
        foreach (var (path, expected) in calls)
        {
            string actual = AccuracyTraffic.Normalise(templater.TemplateOf(path));
            recovered.Add(actual);
            correctCalls += actual == expected ? 1 : 0;
        }

        double precision = (double)recovered.Count(truth.Contains) / recovered.Count;
        double recall = (double)truth.Count(recovered.Contains) / truth.Count;
        double f1 = 2 * precision * recall / (precision + recall);
        output.WriteLine($"families {truth.Count}, recovered {recovered.Count}, precision {precision:F3}, recall {recall:F3}, F1 {f1:F3}, calls correct {(double)correctCalls / calls.Length:P1}");
        foreach (string wrong in recovered.Where(r => !truth.Contains(r)).Take(10))
        {
            output.WriteLine("false template: " + wrong);
        }

        Assert.True(f1 >= 0.97, $"F1 {f1:F3} (precision {precision:F3}, recall {recall:F3})");
    }
}
