using System.Globalization;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>Command-line options of the generator.</summary>
internal sealed class GeneratorOptions
{
    public const string Usage = """
        usage: apisentinel-trafficgen --out FILE [--size 1GB] [--seed 42] [--concurrency 1000]

          --out FILE          classic pcap to write (Ethernet, microsecond timestamps)
          --size SIZE         stop starting new exchanges once the file reaches SIZE (decimal units:
                              1GB = 10^9 bytes; KB, MB, GB accepted); in-flight exchanges then complete
          --seed N            the same seed always produces the same file (default 42)
          --concurrency N     simultaneously open TCP connections (default 1000)

        Prints a key=value summary on stderr (packets, bytes, connections, exchanges, ...).
        """;

    public string OutputPath { get; private init; } = "";

    public long TargetBytes { get; private init; } = 1_000_000_000;

    public ulong Seed { get; private init; } = 42;

    public int Concurrency { get; private init; } = 1000;

    public static bool TryParse(string[] args, out GeneratorOptions options, out string error)
    {
        options = new GeneratorOptions();
        error = "";
        string? output = null;
        long size = options.TargetBytes;
        ulong seed = options.Seed;
        int concurrency = options.Concurrency;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                error = "";
                return false;
            }

            if (i + 1 >= args.Length)
            {
                error = $"missing value for {name}";
                return false;
            }

            string value = args[++i];
            bool ok = name switch
            {
                "--out" => (output = value).Length > 0,
                "--size" => ByteSize.TryParse(value, out size),
                "--seed" => ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seed),
                "--concurrency" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out concurrency) && concurrency is >= 1 and <= 100_000,
                _ => false,
            };
            if (!ok)
            {
                error = name is "--out" or "--size" or "--seed" or "--concurrency" ? $"invalid value for {name}: '{value}'" : $"unknown option {name}";
                return false;
            }
        }

        if (output is null)
        {
            error = "--out is required";
            return false;
        }

        options = new GeneratorOptions { OutputPath = output, TargetBytes = size, Seed = seed, Concurrency = concurrency };
        return true;
    }
}
