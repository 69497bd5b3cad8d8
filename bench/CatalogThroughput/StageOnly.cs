namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// <c>apisentinel-catalogthroughput stages findings,aggregates [--endpoints …] [--stage-calls …] [--repeat …]</c>: times
/// the named parts alone (no engine runs, no reference), interleaved per repeat, and prints the median ns and bytes
/// per call of each. For before/after comparisons of one part on a busy machine, where the full run takes too long
/// to repeat in one sitting.
/// </summary>
internal static class StageOnly
{
    public static bool TryRun(string[] args)
    {
        if (args.Length < 2 || args[0] != "stages")
        {
            return false;
        }

        var names = args[1].Split(',').Select(n => n.Replace('-', ' ')).Select(n => n == "aggregates" ? Stages.Aggregates : n).ToArray();
        var options = BenchOptions.Parse(args[2..]);
        foreach (var endpoints in options.Endpoints)
        {
            var pool = CallPool.Build(endpoints, options.PoolSize, options.Seed);
            var parts = new Stages(pool, 1_000_000L / options.CallsPerSecond);
            var timings = names.ToDictionary(n => n, _ => new List<StageTiming>());
            foreach (var name in names)
            {
                parts.Measure(name, run: 0, Math.Min(300_000, options.StageCalls), options.FreshStrings);
            }

            for (var run = 1; run <= options.Repeat; run++)
            {
                foreach (var name in names)
                {
                    timings[name].Add(parts.Measure(name, run, options.StageCalls, options.FreshStrings));
                }
            }

            foreach (var (name, runs) in timings)
            {
                var ns = runs.Select(t => t.NanosPerCall).Order().ToArray();
                var bytes = runs.Select(t => t.BytesPerCall).Order().ToArray();
                Console.WriteLine($"{endpoints,5} endpoints  {name,-20} {ns[ns.Length / 2],7:F0} ns/call (min {ns[0]:F0})  {bytes[bytes.Length / 2],6:F0} B/call (the stream copy included)");
            }
        }

        return true;
    }
}
