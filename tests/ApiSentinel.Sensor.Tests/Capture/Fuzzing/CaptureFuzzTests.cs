using System.Diagnostics;
using System.Globalization;

namespace ApiSentinel.Sensor.Tests.Capture.Fuzzing;

/// <summary>
/// A seeded mutation fuzzer over the capture readers, frame decoder, reassembly and HTTP/1 parser (the whole
/// sensor, in process). In the suite it runs a short fixed-seed pass; for a long pass set
/// <c>APISENTINEL_FUZZ_SECONDS</c> (and optionally <c>APISENTINEL_FUZZ_SEED</c>, <c>APISENTINEL_FUZZ_FINDINGS</c>
/// = a directory where each failing input is written for a regression test):
/// <c>APISENTINEL_FUZZ_SECONDS=600 dotnet test tests/ApiSentinel.Sensor.Tests -c Release --filter CaptureFuzzTests</c>.
/// A case that runs longer than <see cref="HangSeconds"/> is written out by a watchdog before the run is killed.
/// </summary>
public sealed class CaptureFuzzTests : IDisposable
{
    private const int SuiteIterations = 300;
    private const int HangSeconds = 20;
    private readonly string _dir = Directory.CreateTempSubdirectory("apisentinel-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Seeded_mutations_of_every_trace_break_nothing()
    {
        var seconds = Environment.GetEnvironmentVariable("APISENTINEL_FUZZ_SECONDS") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 0;
        var seed = Environment.GetEnvironmentVariable("APISENTINEL_FUZZ_SEED") is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : 20261201;
        var findingsDir = Environment.GetEnvironmentVariable("APISENTINEL_FUZZ_FINDINGS") ?? Path.Combine(_dir, "findings");
        Directory.CreateDirectory(findingsDir);

        var seeds = FuzzSeeds.Load();
        var random = new Random(seed);
        var mutator = new CaptureMutator(random);
        var path = Path.Combine(_dir, "case.cap");
        var findings = new List<string>();
        var clock = Stopwatch.StartNew();
        var iterations = 0;
        byte[] current = [];
        var caseStarted = Stopwatch.StartNew();
        using var watchdog = new Timer(_ => SaveIfHung(), null, 1000, 1000);

        while (seconds > 0 ? clock.Elapsed.TotalSeconds < seconds : iterations < SuiteIterations)
        {
            // Mostly mutate a seed; sometimes keep mutating a mutant, to reach deeper states.
            var parent = seeds[random.Next(seeds.Count)];
            current = mutator.Mutate(parent, seeds);
            if (random.Next(4) == 0)
            {
                current = mutator.Mutate(current, seeds);
            }
            File.WriteAllBytes(path, current);
            caseStarted.Restart();
            var problem = CaptureFuzzTarget.Run(path, current.Length);
            if (caseStarted.Elapsed.TotalSeconds > HangSeconds / 4.0)
            {
                problem ??= $"slow: {caseStarted.Elapsed.TotalSeconds:F1} s for {current.Length:N0} bytes";
            }
            if (problem is not null)
            {
                var file = Path.Combine(findingsDir, $"finding-{seed}-{iterations}.cap");
                File.WriteAllBytes(file, current);
                findings.Add($"{problem} ({file})");
            }
            iterations++;
        }
        Assert.True(findings.Count == 0, $"{findings.Count} of {iterations} mutated captures broke the sensor:\n" + string.Join('\n', findings.Distinct().Take(20)));

        void SaveIfHung()
        {
            if (caseStarted.Elapsed.TotalSeconds > HangSeconds)
            {
                File.WriteAllBytes(Path.Combine(findingsDir, $"hang-{seed}-{iterations}.cap"), current);
            }
        }
    }
}
