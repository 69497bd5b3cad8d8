using System.Globalization;
using System.Text.RegularExpressions;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>A scraped Prometheus text exposition: samples by metric name and labels.</summary>
internal sealed partial class PrometheusText
{
    private readonly List<Sample> _samples;

    private PrometheusText(string text, List<Sample> samples)
    {
        Text = text;
        _samples = samples;
    }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public string Text { get; }

    public IReadOnlyList<Sample> Samples => _samples;

    public static PrometheusText Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (string rawLine in text.Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"not a Prometheus sample line: {line}");
            }
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in LabelPair().Matches(match.Groups["labels"].Value))
            {
                labels[label.Groups["key"].Value] = label.Groups["value"].Value;
            }
            double value = ParseValue(match.Groups["value"].Value);
            samples.Add(new Sample(match.Groups["name"].Value, labels, value));
        }
        return new PrometheusText(text, samples);
    }

    /// <summary>Whether any sample of <paramref name="name"/> exists.</summary>
    public bool Has(string name) => _samples.Any(sample => sample.Name == name);

    /// <summary>
    /// The sum of every sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>
    /// (`key=value`); throws, listing the names present, if the metric is not exposed at all — a renamed metric
    /// must fail loudly, not read as zero.
    /// </summary>
    public double Sum(string name, params string[] labels)
    {
        if (!Has(name))
        {
            throw new KeyNotFoundException($"metric {name} is not exposed; present: {string.Join(", ", _samples.Select(s => s.Name).Distinct().Order())}");
        }
        var wanted = labels.Select(label => label.Split('=', 2)).ToList();
        return _samples
            .Where(sample => sample.Name == name && wanted.All(pair => sample.Labels.TryGetValue(pair[0], out string? value) && value == pair[1]))
            .Sum(sample => sample.Value);
    }

    /// <summary>
    /// Like <see cref="Sum"/>, but 0 while the metric is not exposed yet (an OpenTelemetry counter appears with its
    /// first measurement): for polling. Final assertions use <see cref="Sum"/>.
    /// </summary>
    public double SumOrZero(string name, params string[] labels) => Has(name) ? Sum(name, labels) : 0;

    public override string ToString() => Text;

    // The exposition format spells infinities "+Inf"/"-Inf", which .NET's parser does not read.
    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
