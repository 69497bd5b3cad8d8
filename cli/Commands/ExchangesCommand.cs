using System.Diagnostics;
using ApiSentinel.Cli.Arguments;
using ApiSentinel.Cli.Output;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Cli.Commands;

/// <summary>
/// <c>apisentinel exchanges --pcap FILE... [--har FILE...] [--format jsonl|table]</c>: one record per HTTP
/// exchange, in request order, from capture files (read one after another, as if merged), HAR files (through the
/// same extractor as <c>analyze --har</c>) or a live interface.
/// </summary>
internal static class ExchangesCommand
{
    public const string Usage = """
        usage: apisentinel exchanges (--pcap FILE... | --har FILE...) [--format jsonl|table] [--quiet]
               apisentinel exchanges --interface DEV [--filter BPF] [--duration SECONDS] [--format jsonl|table]

        Prints one record per HTTP exchange, in request order. JSON Lines keys: ts, client, server, method, host,
        target, version, status, requestBodyBytes, responseBodyBytes, auth, sensitive, and more. A summary of
        what was read and of any loss goes to stderr.

          --pcap FILE...       pcap or pcapng capture files
          --har FILE...        HAR 1.2 files (browser or proxy exports); read after the captures
          --interface DEV      capture live from a device (root; e.g. eth0, any, lo)
          --filter BPF         capture filter for --interface (default: tcp)
          --duration SECONDS   stop a live capture after this long (default: until Ctrl-C)
          --format jsonl|table output format (default: jsonl)
          --quiet              no summary on stderr
        """ + "\n" + SensorOptionsFromArguments.Usage;

    private static readonly HashSet<string> ValueOptions = ["pcap", "har", "interface", "filter", "duration", "format", .. SensorOptionsFromArguments.ValueOptions];
    private static readonly HashSet<string> FlagOptions = ["quiet", "help", .. SensorOptionsFromArguments.FlagOptions];

    public static int Run(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var parsed = ParsedArguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("help"))
        {
            Console.Out.WriteLine(Usage);
            return 0;
        }
        var files = parsed.All("pcap");
        var hars = parsed.All("har");
        var device = parsed.Single("interface");
        if (files.Count == 0 && hars.Count == 0 && device is null)
        {
            throw new UsageException("give capture files with --pcap FILE... or --har FILE... (or --interface DEV for live capture)");
        }
        if ((files.Count > 0 || hars.Count > 0) && device is not null)
        {
            throw new UsageException("--interface cannot be combined with --pcap or --har");
        }
        var format = parsed.Single("format") ?? "jsonl";
        var options = SensorOptionsFromArguments.Build(parsed);

        using var writer = CreateWriter(format);
        var pipeline = new TrafficPipeline(options, writer.Write);
        var stopwatch = Stopwatch.StartNew();
        using (var progress = new ProgressReporter(pipeline.Statistics, ProgressReporter.StderrIsTerminal && files.Count > 0))
        {
            if (device is not null)
            {
                RunLive(pipeline, device, parsed.Single("filter") ?? "tcp", parsed.Single("duration"), cancellationToken);
            }
            // Open every file before reading any: a typo in the last name should not cost a long read first.
            var sources = files.Select(CaptureFileSource.Open).ToList();
            try
            {
                foreach (var source in sources)
                {
                    progress.Track(source.Description, source.Statistics);
                    pipeline.Run(source, cancellationToken);
                }
            }
            finally
            {
                foreach (var source in sources)
                {
                    source.Dispose();
                }
            }
        }
        var inputs = new InputsRead { CaptureFiles = files.Count, Interface = device };
        HarInputs.Run(pipeline, hars, options.Http, inputs);
        pipeline.Complete();
        writer.Complete();
        if (!parsed.Has("quiet"))
        {
            SummaryReporter.Write(Console.Error, pipeline.Statistics, inputs, stopwatch.Elapsed);
        }
        return DamagedInputs.ExitCode(pipeline.Statistics, files, inputs);
    }

    private static void RunLive(TrafficPipeline pipeline, string device, string filter, string? duration, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration is not null)
        {
            timeout.CancelAfter(double.TryParse(duration, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw new UsageException($"--duration: '{duration}' is not a number of seconds"));
        }
        using var source = new LiveCaptureSource(new LiveCaptureOptions { Device = device, Filter = filter });
        pipeline.Run(source, timeout.Token);
    }

    private static IExchangeWriter CreateWriter(string format) => format switch
    {
        "jsonl" => new JsonLinesExchangeWriter(Console.OpenStandardOutput()),
        "table" => new TableExchangeWriter(Console.Out),
        _ => throw new UsageException($"--format must be jsonl or table, not '{format}'"),
    };
}
