using ApiSentinel.Collector.Templating;
using static ApiSentinel.Collector.Tests.Templating.TemplaterFixture;

namespace ApiSentinel.Collector.Tests.Templating;

public class DeterminismTests
{
    [Fact]
    public void The_same_traffic_in_any_order_gives_the_same_templates()
    {
        var traffic = AccuracyTraffic.Generate(new Random(11), callsPerFamily: 40).Select(c => c.Path).ToArray();
        var expected = TemplatesByPath(traffic);
        var random = new Random(12);

        for (int run = 0; run < 25; run++)
        {
            var shuffled = (string[])traffic.Clone();
            random.Shuffle(shuffled);
            var actual = TemplatesByPath(shuffled);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Parameter_names_are_stable_across_runs()
    {
        var first = Observed("/users/8812/orders/99").Resolve(Host, "/users/8812/orders/99");
        var second = Observed("/users/1/orders/2").Resolve(Host, "/users/1/orders/2");

        Assert.Equal(first, second with { Parameters = first.Parameters });
        Assert.Equal(first.Parameters, second.Parameters);
    }

    private static Dictionary<string, string> TemplatesByPath(string[] paths)
    {
        var templater = Observed(new TemplatingOptions(), paths);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            var template = templater.Resolve(Host, path);
            result[path] = $"{template.Template} {template.Confidence} {string.Join(",", template.Parameters)}";
        }

        return result;
    }
}
