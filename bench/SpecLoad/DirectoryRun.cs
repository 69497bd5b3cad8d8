using System.Diagnostics;
using System.Globalization;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Tests.Specs.RealSpecs;

namespace ApiSentinel.Bench.SpecLoad;

/// <summary>
/// Loads every document of the APIs.guru collection in process with the default budget: refusals with their
/// reasons, warnings by kind, the slowest and the most allocating documents, and the process's peak RSS.
/// </summary>
internal static class DirectoryRun
{
    public static int Run(string tarball)
    {
        var refused = new List<(string Name, string Reason)>();
        var warningKinds = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var slowest = new List<(double Seconds, string Name, long Bytes)>();
        var hungriest = new List<(long Allocated, string Name, long Bytes)>();
        var loaded = 0;
        long operations = 0;
        var total = Stopwatch.StartNew();
        foreach (var (name, content) in RealSpecCorpus.Read(tarball, _ => true))
        {
            var text = System.Text.Encoding.UTF8.GetString(content!);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = Stopwatch.StartNew();
            try
            {
                var spec = ApiSpec.Parse(text, name);
                loaded++;
                operations += spec.Operations.Count;
                foreach (var warning in spec.Warnings)
                {
                    warningKinds[warning.Kind] = warningKinds.GetValueOrDefault(warning.Kind) + 1;
                }

                if (spec.WarningsDropped > 0)
                {
                    warningKinds["(dropped beyond MaxWarnings)"] = warningKinds.GetValueOrDefault("(dropped beyond MaxWarnings)") + spec.WarningsDropped;
                }
            }
            catch (SpecException e)
            {
                refused.Add((name, e.Message));
            }

            stopwatch.Stop();
            slowest.Add((stopwatch.Elapsed.TotalSeconds, name, content!.Length));
            hungriest.Add((GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, name, content.Length));
        }

        total.Stop();
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"documents: {loaded + refused.Count}, loaded {loaded}, refused {refused.Count}; {operations:N0} operations; {total.Elapsed.TotalSeconds:0} s in all"));
        Console.WriteLine(string.Create(c, $"peak RSS of the whole run: {PeakRssMb():0} MB"));
        Console.WriteLine("warnings by kind: " + string.Join(", ", warningKinds.Select(k => string.Create(c, $"{k.Key} {k.Value:N0}"))));
        foreach (var (name, reason) in refused)
        {
            Console.WriteLine($"refused: {name}: {reason}");
        }

        Console.WriteLine("slowest: " + string.Join("; ", slowest.OrderByDescending(s => s.Seconds).Take(5)
            .Select(s => string.Create(c, $"{s.Name} ({s.Bytes / 1024.0 / 1024.0:0.0} MB) {s.Seconds:0.00} s"))));
        Console.WriteLine("most allocating: " + string.Join("; ", hungriest.OrderByDescending(s => s.Allocated).Take(5)
            .Select(s => string.Create(c, $"{s.Name} ({s.Bytes / 1024.0 / 1024.0:0.0} MB) {s.Allocated / 1024.0 / 1024.0:0} MB allocated"))));
        return refused.Count == 0 ? 0 : 3;
    }

    internal static double PeakRssMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return 0;
    }
}
