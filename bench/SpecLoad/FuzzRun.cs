using System.Diagnostics;
using System.Globalization;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Specs.Loading;
using ApiSentinel.Collector.Tests.Specs.RealSpecs;

namespace ApiSentinel.Bench.SpecLoad;

/// <summary>
/// Seeded mutation fuzzing of the spec reader over real documents, in process, with a per-case work budget: every
/// case must end in a loaded spec or a <see cref="SpecException"/>. Anything else is a crash class (exception
/// type and throwing frame), reported with a count and saved as a reproducer under bench/data/specload/crashes.
/// </summary>
internal static class FuzzRun
{
    // Smaller than the default so one case costs at most a few hundred milliseconds.
    internal static readonly SpecBudget CaseBudget = new()
    {
        MaxInputBytes = 8 * 1024 * 1024,
        MaxNodes = 1_000_000,
        MaxExpandedChars = 16L * 1024 * 1024,
        MaxSchemaVisits = 2_000_000,
        MaxSchemaFields = 200_000,
    };

    public static int Run(string tarball, TimeSpan duration, int seed, string data)
    {
        // Seeds: documents up to 256 KB (mutating bigger ones mostly measures copying).
        var seeds = RealSpecCorpus.Read(tarball, _ => true).Where(d => d.Content!.Length <= 256 * 1024).Select(d => d.Content!).ToArray();
        var random = new Random(seed);
        var crashes = new Dictionary<string, (int Count, string Example)>(StringComparer.Ordinal);
        var outcomes = new Dictionary<string, long>(StringComparer.Ordinal) { ["loaded"] = 0, ["refused"] = 0 };
        var crashDirectory = Path.Combine(data, "crashes");
        var stopwatch = Stopwatch.StartNew();
        long cases = 0;
        while (stopwatch.Elapsed < duration)
        {
            var input = SpecMutator.Mutate(seeds[random.Next(seeds.Length)], random);
            cases++;
            var outcome = Try(input);
            if (outcome is null)
            {
                outcomes["loaded"]++;
            }
            else if (outcome is SpecException)
            {
                outcomes["refused"]++;
            }
            else
            {
                var frame = new StackTrace(outcome).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("ApiSentinel", StringComparison.Ordinal) == true)
                    ?? new StackTrace(outcome).GetFrame(0);
                var where = frame?.GetMethod() is { } method ? method.DeclaringType?.Name + "." + method.Name : "?";
                var key = outcome.GetType().Name + " in " + where;
                if (!crashes.TryGetValue(key, out var known))
                {
                    Directory.CreateDirectory(crashDirectory);
                    var file = Path.Combine(crashDirectory, $"case-{cases}.spec");
                    File.WriteAllBytes(file, input);
                    known = (0, file);
                }

                crashes[key] = (known.Count + 1, known.Example);
            }
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"fuzz: seed {seed}, {seeds.Length} seed documents, {cases:N0} cases in {stopwatch.Elapsed.TotalMinutes:0.0} min; loaded {outcomes["loaded"]:N0}, refused {outcomes["refused"]:N0}, crashes {crashes.Values.Sum(v => v.Count):N0}"));
        Console.WriteLine(string.Create(c, $"peak RSS: {DirectoryRun.PeakRssMb():0} MB"));
        foreach (var (key, (count, example)) in crashes.OrderByDescending(k => k.Value.Count))
        {
            Console.WriteLine($"crash: {key} ×{count} (e.g. {example})");
        }

        return crashes.Count == 0 ? 0 : 3;
    }

    internal static Exception? Try(byte[] input)
    {
        try
        {
            ApiSpec.Parse(System.Text.Encoding.UTF8.GetString(input), "fuzz-case", CaseBudget);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
