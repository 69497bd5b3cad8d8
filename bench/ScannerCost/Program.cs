using System.Diagnostics;
using System.Globalization;
using System.Text;
using ApiSentinel.Sensor.Extraction.Sensitive;

// apisentinel-scannercost [--rounds N]: ns per value for SensitiveDataScanner.ScanValue over a realistic mix of
// JSON values, and MB/s for ScanText over 4–64 KiB JSON/HTML bodies. Each figure is the best of N timed rounds
// after a warm-up (the box is shared: the minimum is the least disturbed run). The match fingerprint lets a
// before/after pair prove that detection did not change on this input.
var rounds = args.Length >= 2 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
var scanner = new SensitiveDataScanner(new SensitiveDataOptions());
var results = new List<SensitiveMatch>(16);

var mix = ValueMix.Build();
var typical = ValueMix.Typical();
var bodies = TextBodies.Build();

Console.WriteLine($"values: {mix.Count} in mix ({mix.Count(v => v.Sensitive)} sensitive), {bodies.Count} text bodies");
Console.WriteLine($"fingerprint: values {Fingerprint(mix)}, text {TextFingerprint(bodies)}");

foreach (var (value, field) in typical)
{
    Report($"ScanValue \"{value}\" ({field ?? "no field"})", TimeValues([(value, field, false)], 2_000_000), "ns/value");
}

Report("ScanValue mix, clean values only", TimeValues([.. mix.Where(v => !v.Sensitive)], 2_000_000), "ns/value");
Report("ScanValue mix, all values", TimeValues(mix, 2_000_000), "ns/value");
foreach (var (name, body) in bodies)
{
    var ns = TimeText(body, Math.Max(20, 40_000_000 / body.Length));
    Console.WriteLine($"{$"ScanText {name} ({body.Length / 1024.0:F1} KiB)",-60} {ns / 1000.0,10:F1} µs/body {body.Length / (ns / 1e9) / 1e6,8:F0} MB/s");
}

return 0;

void Report(string label, double ns, string unit) => Console.WriteLine($"{label,-60} {ns,10:F1} {unit}");

double TimeValues(IReadOnlyList<(string Value, string? Field, bool Sensitive)> values, int scans)
{
    var passes = Math.Max(1, scans / values.Count);
    RunValues(values, Math.Max(1, passes / 4)); // warm-up: JIT tiers, PGO, field-name cache
    var best = double.MaxValue;
    for (var r = 0; r < rounds; r++)
    {
        var sw = Stopwatch.StartNew();
        RunValues(values, passes);
        best = Math.Min(best, sw.Elapsed.TotalNanoseconds / ((double)passes * values.Count));
    }

    return best;
}

void RunValues(IReadOnlyList<(string Value, string? Field, bool Sensitive)> values, int passes)
{
    for (var p = 0; p < passes; p++)
    {
        for (var i = 0; i < values.Count; i++)
        {
            results.Clear();
            scanner.ScanValue(values[i].Value, values[i].Field, results);
        }
    }
}

double TimeText(byte[] body, int iterations)
{
    for (var i = 0; i < Math.Max(1, iterations / 4); i++)
    {
        results.Clear();
        scanner.ScanText(body, results);
    }

    var best = double.MaxValue;
    for (var r = 0; r < rounds; r++)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            results.Clear();
            scanner.ScanText(body, results);
        }

        best = Math.Min(best, sw.Elapsed.TotalNanoseconds / iterations);
    }

    return best;
}

string Fingerprint(IReadOnlyList<(string Value, string? Field, bool Sensitive)> values)
{
    var fingerprint = new MatchFingerprint();
    foreach (var (value, field, _) in values)
    {
        results.Clear();
        scanner.ScanValue(value, field, results);
        fingerprint.Add(results);
    }

    return fingerprint.ToString();
}

string TextFingerprint(IReadOnlyList<(string Name, byte[] Body)> texts)
{
    var fingerprint = new MatchFingerprint();
    foreach (var (_, body) in texts)
    {
        results.Clear();
        scanner.ScanText(body, results);
        fingerprint.Add(results);
    }

    return fingerprint.ToString();
}
