using System.Globalization;

namespace ApiSentinel.Bench.IngestThroughput;

/// <summary>The command line: a command word, then <c>--name value</c> pairs (see README.md).</summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private BenchOptions(string command) => Command = command;

    public string Command { get; }

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("usage: apisentinel-ingestthroughput describe|grpc|reference|null-collector|report [--option value …]");
        }
        var options = new BenchOptions(args[0]);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }
            options._values[args[i][2..]] = args[++i];
        }
        return options;
    }

    public string Text(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) => (int)Count(name, fallback);

    /// <summary>A count with an optional k/M suffix (300k, 1M).</summary>
    public long Count(string name, long fallback)
    {
        if (!_values.TryGetValue(name, out var v))
        {
            return fallback;
        }
        var multiplier = v.EndsWith('k') ? 1_000 : v.EndsWith('M') ? 1_000_000 : 1;
        var digits = multiplier == 1 ? v : v[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n * multiplier
            : throw new ArgumentException($"--{name}: '{v}' is not a positive count");
    }

    public double Seconds(string name, double fallback) =>
        !_values.TryGetValue(name, out var v) ? fallback
        : double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? s
        : throw new ArgumentException($"--{name}: '{v}' is not a positive number of seconds");
}
