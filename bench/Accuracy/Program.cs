using System.Globalization;
using System.Text.Json;
using ApiSentinel.Bench.Accuracy.Generation;
using ApiSentinel.Bench.Accuracy.Output;
using ApiSentinel.Bench.Accuracy.Scoring;
using ApiSentinel.Bench.Accuracy.SpecModel;

// usage: apisentinel-accuracy --cli "COMMAND" [--out DIR] [--seed N] [--specs DIR] [--generate-only]
//   COMMAND is word-split and called as: COMMAND analyze (--pcap F | --har F) --spec ... --format json --quiet
var options = ParseOptions(args);
var seed = int.Parse(options.GetValueOrDefault("seed", "20250304"), CultureInfo.InvariantCulture);
var specDirectory = options.GetValueOrDefault("specs", Path.Combine(AppContext.BaseDirectory, "specs"));
var outDirectory = Directory.CreateDirectory(options.GetValueOrDefault("out", "accuracy-out")).FullName;

var specs = Directory.GetFiles(specDirectory, "*.yaml").Order(StringComparer.Ordinal).Select(SourceSpec.Load).ToList();
var plan = new TrafficPlanner(seed).Plan(specs);
var published = new List<string>();
foreach (var spec in specs)
{
    var path = Path.Combine(outDirectory, spec.Name + ".published.json");
    PublishedSpecWriter.Write(spec, plan.Truth, path);
    published.Add(path);
}
var pcap = Path.Combine(outDirectory, "traffic.pcap");
var har = Path.Combine(outDirectory, "traffic.har");
PcapWriter.Write(pcap, plan, seed);
HarWriter.Write(har, plan);
File.WriteAllText(Path.Combine(outDirectory, "truth.json"), JsonSerializer.Serialize(plan.Truth, new JsonSerializerOptions { WriteIndented = true }));
Console.Error.WriteLine($"[accuracy] {plan.Truth.Count} operations, {plan.Exchanges.Count} calls -> {pcap}, {har}");
if (options.ContainsKey("generate-only"))
{
    return 0;
}

var cli = options.GetValueOrDefault("cli") ?? throw new ArgumentException("--cli COMMAND is required (or --generate-only)");
var authLocations = specs.SelectMany(s => s.Operations).ToDictionary(o => o.SpecName + " " + o.OperationId, o => o.Auth.Location);
var scores = new List<AccuracyScore>();
// The third run leaves the specs out: every template then comes from the engine's own inference, the harder case
// (with specs, published operations are templated by their spec and only the shadow ones are inferred).
foreach (var (label, option, file, withSpecs) in (ReadOnlySpan<(string, string, string, bool)>)[
    ("pcap", "--pcap", pcap, true), ("HAR", "--har", har, true), ("pcap, no spec", "--pcap", pcap, false)])
{
    var (catalog, elapsed) = CatalogRunner.Run(cli, option, file, withSpecs ? published : []);
    scores.Add(Scorer.Score(label, withSpecs, elapsed, catalog, plan.Truth, authLocations));
}
var report = MarkdownReport.Render(plan, seed, scores);
File.WriteAllText(Path.Combine(outDirectory, "report.md"), report);
Console.Out.Write(report);
return 0;

static Dictionary<string, string> ParseOptions(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        var name = args[i].TrimStart('-');
        result[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "";
    }
    return result;
}
