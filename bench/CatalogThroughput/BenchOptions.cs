using System.Globalization;

namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// Command line: <c>--endpoints 50,500,5000 --calls 1M,5M,10M --pool 200000 --repeat 3 --seed 42 --rate 10000
/// --stage-calls 1M [--fresh-strings]</c>.
/// </summary>
internal sealed class BenchOptions
{
    public IReadOnlyList<int> Endpoints { get; private set; } = [50, 500, 5_000];

    /// <summary>Checkpoints of one run, ascending: the same catalog is measured at each.</summary>
    public IReadOnlyList<long> Calls { get; private set; } = [1_000_000, 5_000_000, 10_000_000];

    public int PoolSize { get; private set; } = 200_000;

    /// <summary>Calls each part of the engine is driven with on its own, per repeat.</summary>
    public long StageCalls { get; private set; } = 1_000_000;

    public int Repeat { get; private set; } = 3;

    public int Seed { get; private set; } = 42;

    /// <summary>Calls per second of simulated capture time (sets the timestamp step, which drives the finding windows).</summary>
    public int CallsPerSecond { get; private set; } = 10_000;

    /// <summary>Each call gets its own copy of every string, made outside the timed region (see <see cref="CallStream"/>).</summary>
    public bool FreshStrings { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var valued = new List<string>();
        foreach (var arg in args)
        {
            if (arg == "--fresh-strings")
            {
                options.FreshStrings = true;
            }
            else
            {
                valued.Add(arg);
            }
        }

        args = [.. valued];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--endpoints": options.Endpoints = [.. value.Split(',').Select(v => (int)Count(v))]; break;
                case "--calls": options.Calls = [.. value.Split(',').Select(Count).Order()]; break;
                case "--pool": options.PoolSize = (int)Count(value); break;
                case "--stage-calls": options.StageCalls = Count(value); break;
                case "--repeat": options.Repeat = (int)Count(value); break;
                case "--seed": options.Seed = (int)Count(value); break;
                case "--rate": options.CallsPerSecond = (int)Count(value); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"option {args[^1]} has no value");
        }

        return options;
    }

    /// <summary>Accepts <c>500k</c>, <c>10M</c> or plain digits.</summary>
    private static long Count(string text)
    {
        var multiplier = char.ToUpperInvariant(text[^1]) switch { 'K' => 1_000L, 'M' => 1_000_000L, _ => 1L };
        var digits = multiplier == 1 ? text : text[..^1];
        return long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * multiplier;
    }
}
