using System.Text.Json.Nodes;

namespace ApiSentinel.Cli.Tests;

/// <summary>
/// Issue 6 item 26: <c>analyze --masked-samples</c> shows masked samples per endpoint in json, yaml and table,
/// and they are the only difference: without the option the output is exactly the output with the samples
/// taken out, and the unmasked value is in neither.
/// </summary>
public sealed class MaskedSamplesTests
{
    private const string Card = "4111111111111111";
    private const string MaskedCard = "4111********1111";
    private static readonly string Demo = Path.Combine(RepositoryPaths.Samples, "demo.pcap");

    private static (string With, string Without) Run(string format)
    {
        var with = CliProcess.Run("analyze", "--pcap", Demo, "--format", format, "--quiet", "--masked-samples");
        var without = CliProcess.Run("analyze", "--pcap", Demo, "--format", format, "--quiet");
        Assert.True(with.ExitCode == 0 && without.ExitCode == 0, with.Stderr + without.Stderr);
        Assert.NotEqual(with.Stdout, without.Stdout);
        Assert.Contains(MaskedCard, with.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(MaskedCard, without.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Card, with.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Card, without.Stdout, StringComparison.Ordinal);
        return (with.Stdout, without.Stdout);
    }

    [Fact]
    public void Json_has_masked_samples_only_with_the_option_and_nothing_else_differs()
    {
        var (with, without) = Run("json");
        var withSamples = JsonNode.Parse(with)!;
        var samples = 0;
        foreach (var endpoint in withSamples["endpoints"]!.AsArray())
        {
            // The change marker hashes the endpoint's whole content, samples included: it must differ.
            endpoint!.AsObject().Remove("changeMarker");
            foreach (var item in endpoint!["sensitiveData"]!.AsArray())
            {
                samples += item!.AsObject().Remove("maskedSamples") ? 1 : 0;
            }
        }
        Assert.True(samples > 0);
        Assert.DoesNotContain("maskedSamples", without, StringComparison.Ordinal);
        var withoutSamples = JsonNode.Parse(without)!;
        foreach (var endpoint in withoutSamples["endpoints"]!.AsArray())
        {
            Assert.True(endpoint!.AsObject().Remove("changeMarker"));
        }
        Assert.Equal(withoutSamples.ToJsonString(), withSamples.ToJsonString());
    }

    [Fact]
    public void Yaml_has_masked_samples_only_with_the_option_and_nothing_else_differs()
    {
        var (with, without) = Run("yaml");
        var kept = new List<string>();
        var skipDeeperThan = -1;
        foreach (var line in with.Split('\n'))
        {
            var indent = line.Length - line.TrimStart(' ').Length;
            if (skipDeeperThan >= 0 && indent > skipDeeperThan)
            {
                continue;
            }
            skipDeeperThan = line.TrimStart() == "maskedSamples:" ? indent : -1;
            // The change marker hashes the endpoint's whole content, samples included: it differs, as it must.
            if (skipDeeperThan < 0 && !line.TrimStart().StartsWith("changeMarker:", StringComparison.Ordinal))
            {
                kept.Add(line);
            }
        }
        Assert.DoesNotContain("maskedSamples", without, StringComparison.Ordinal);
        Assert.Equal(WithoutChangeMarkers(without), string.Join('\n', kept));
    }

    [Fact]
    public void Table_has_a_masked_samples_section_only_with_the_option_and_nothing_else_differs()
    {
        var (with, without) = Run("table");
        var nl = Environment.NewLine;
        var start = with.IndexOf(nl + nl + "MASKED SAMPLES" + nl, StringComparison.Ordinal);
        Assert.True(start > 0, with);
        var end = with.IndexOf(nl + nl, start + 2, StringComparison.Ordinal);
        var withoutSection = end < 0 ? with[..start] + nl : with[..start] + with[end..];
        Assert.DoesNotContain("MASKED SAMPLES", without, StringComparison.Ordinal);
        Assert.Equal(without, withoutSection);
    }

    private static string WithoutChangeMarkers(string yaml) =>
        string.Join('\n', yaml.Split('\n').Where(l => !l.TrimStart().StartsWith("changeMarker:", StringComparison.Ordinal)));
}
