using System.Globalization;

using ApiSentinel.Bench.KubernetesSink.Traffic;

namespace ApiSentinel.Bench.KubernetesSink;

/// <summary>Command-line options of one run (one seed); <c>report</c> has its own two.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        usage: apisentinel-kubesinkbench run --collector-dll FILE --crds DIR --out FILE.jsonl [options]
               apisentinel-kubesinkbench report --in FILE.jsonl

          --seed N                  traffic and population seed (default 1)
          --endpoints N             distinct endpoints (default 5000; a multiple of hosts × 5 methods)
          --hosts N                 hosts they are spread over (default 20)
          --rate N                  calls per second streamed during the traffic phase (default 1000)
          --traffic-seconds N       length of the traffic phase (default 60)
          --flush-interval SECONDS  the collector's --kube-flush-interval (default 10, the product default)
          --qps X --burst N         the collector's --kube-qps / --kube-burst (default 50 / 100)
          --quiet-intervals N       flush intervals watched for writes in the steady and restart phases (default 3)
          --label TEXT              free text for the report row
        """;

    public string CollectorDll { get; private set; } = "";

    public string CrdDirectory { get; private set; } = "";

    public string Output { get; private set; } = "";

    public int Seed { get; private set; } = 1;

    public int Endpoints { get; private set; } = 5000;

    public int Hosts { get; private set; } = 20;

    public int Rate { get; private set; } = 1000;

    public int TrafficSeconds { get; private set; } = 60;

    public TimeSpan FlushInterval { get; private set; } = TimeSpan.FromSeconds(10);

    public double Qps { get; private set; } = 50;

    public int Burst { get; private set; } = 100;

    public int QuietIntervals { get; private set; } = 3;

    public string Label { get; private set; } = "";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"missing value for {name}");
            switch (name)
            {
                case "--collector-dll": options.CollectorDll = value; break;
                case "--crds": options.CrdDirectory = value; break;
                case "--out": options.Output = value; break;
                case "--seed": options.Seed = Int(name, value, 0); break;
                case "--endpoints": options.Endpoints = Int(name, value, 1); break;
                case "--hosts": options.Hosts = Int(name, value, 1); break;
                case "--rate": options.Rate = Int(name, value, 10); break;
                case "--traffic-seconds": options.TrafficSeconds = Int(name, value, 1); break;
                case "--flush-interval": options.FlushInterval = TimeSpan.FromSeconds(Int(name, value, 1)); break;
                case "--qps": options.Qps = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--burst": options.Burst = Int(name, value, 1); break;
                case "--quiet-intervals": options.QuietIntervals = Int(name, value, 1); break;
                case "--label": options.Label = value; break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        if (options.CollectorDll.Length == 0 || options.CrdDirectory.Length == 0 || options.Output.Length == 0)
        {
            throw new ArgumentException("--collector-dll, --crds and --out are required");
        }
        if (options.Endpoints % (options.Hosts * EndpointPopulation.Methods.Count) != 0)
        {
            throw new ArgumentException($"--endpoints must be a multiple of hosts × {EndpointPopulation.Methods.Count} methods");
        }
        return options;
    }

    private static int Int(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed >= min
            ? parsed
            : throw new ArgumentException($"invalid value for {name}: '{value}'");
}
