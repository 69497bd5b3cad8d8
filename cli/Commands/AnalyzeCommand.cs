using System.Diagnostics;
using System.Globalization;
using ApiSentinel.Cli.Arguments;
using ApiSentinel.Crds;
using ApiSentinel.Sensor.Calls;
using ApiSentinel.Cli.Output;
using ApiSentinel.Cli.Output.Catalog;
using ApiSentinel.Ingest;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Pipeline;
using ApiSentinel.Collector.Reports;

namespace ApiSentinel.Cli.Commands;

/// <summary>
/// <c>apisentinel analyze</c>: the runtime API catalog of capture and HAR files — sensor and collector composed
/// in one process, with exactly the split they have on the network (the sensor's records are mapped onto the
/// collector's call model, nothing more).
/// </summary>
internal static class AnalyzeCommand
{
    public const string Usage = """
        usage: apisentinel analyze (--pcap FILE... | --har FILE...) [--spec FILE...] [--geoip DB.mmdb]
                                   [--format table|json|yaml|openapi] [--namespace NS] [--cluster-cidr CIDR...]
                                   [--risk-weights FILE.json] [--quiet]

        Builds the API catalog: endpoints (host, method, path template) with usage, auth, sensitive data, spec
        conformance (shadow, zombie, violations), findings (scanners, enumeration, auth-failure bursts) and a
        risk score with its factors. Nothing but structure is reported: values never leave the sensor stage.

          --pcap FILE...        pcap or pcapng capture files
          --har FILE...         HAR 1.2 files (browser or proxy exports)
          --spec FILE...        OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML; bound to the hosts of its servers
          --geoip DB.mmdb       MaxMind-format database: country and organisation of clients
          --format FORMAT       table (default), json, yaml (ApiEndpoint manifests), openapi (reconstructed spec)
          --namespace NS        namespace of the yaml manifests (default: default)
          --cluster-cidr CIDR   extra internal ranges (pod/service CIDRs) besides RFC 1918 and loopback
          --risk-weights FILE   risk factor weights, JSON (see docs/risk-model.md)
          --quiet               no summary on stderr
        """ + "\n" + SensorOptionsFromArguments.Usage;

    private static readonly HashSet<string> ValueOptions =
        ["pcap", "har", "spec", "geoip", "format", "namespace", "cluster-cidr", "risk-weights", .. SensorOptionsFromArguments.ValueOptions];
    private static readonly HashSet<string> FlagOptions = ["quiet", "help", .. SensorOptionsFromArguments.FlagOptions];

    public static int Run(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var parsed = ParsedArguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("help"))
        {
            Console.Out.WriteLine(Usage);
            return ExitCodes.Success;
        }
        var pcaps = parsed.All("pcap");
        var hars = parsed.All("har");
        if (pcaps.Count == 0 && hars.Count == 0)
        {
            throw new UsageException("give traffic with --pcap FILE... and/or --har FILE...");
        }
        var format = parsed.Single("format") ?? "table";
        var @namespace = parsed.Single("namespace") ?? "default";
        if (!LabelValues.IsValidNamespace(@namespace))
        {
            throw new UsageException($"--namespace must be a DNS-1123 label (lower-case letters, digits and '-', at most 63), not '{@namespace}'");
        }
        if (format is not ("table" or "json" or "yaml" or "openapi"))
        {
            throw new UsageException($"--format must be table, json, yaml or openapi, not '{format}'");
        }
        var options = new CatalogOptions();
        foreach (var cidr in parsed.All("cluster-cidr"))
        {
            options.ClusterCidrs.Add(cidr);
        }
        if (parsed.Single("risk-weights") is { } weightsFile)
        {
            options.RiskWeights = LoadWeights(weightsFile);
        }
        var (specs, loadedSpecs) = LoadSpecs(parsed.All("spec"));
        ExposureClassifier exposure;
        try
        {
            exposure = new ExposureClassifier(options.ClusterCidrs);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--cluster-cidr: " + e.Message);
        }
        using var geo = parsed.Single("geoip") is { } db ? OpenGeoIp(db) : null;

        var stopwatch = Stopwatch.StartNew();
        var catalog = new ApiCatalog(options, specs);
        long notCalls = 0;
        var sensorOptions = SensorOptionsFromArguments.Build(parsed);
        var pipeline = new TrafficPipeline(sensorOptions, record =>
        {
            if (ExchangeToCall.Map(record) is { } call)
            {
                // Through the wire message and back, exactly as the sensor daemon sends and the collector receives it:
                // embedded and networked modes share one mapping, so they cannot drift.
                catalog.Ingest(CallMapping.ThroughWire(call));
            }
            else
            {
                notCalls++;
            }
        });
        var sources = pcaps.Select(CaptureFileSource.Open).ToList();
        using (var progress = new ProgressReporter(pipeline.Statistics, ProgressReporter.StderrIsTerminal))
        {
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
                sources.ForEach(s => s.Dispose());
            }
        }
        var inputs = new InputsRead { CaptureFiles = pcaps.Count };
        HarInputs.Run(pipeline, hars, sensorOptions.Http, inputs);
        pipeline.Complete();
        var snapshot = catalog.Build();

        var clients = new ClientDirectory(exposure, geo);
        switch (format)
        {
            case "json":
                using (var stdout = Console.OpenStandardOutput())
                {
                    CatalogJsonWriter.Write(stdout, snapshot, clients);
                }
                break;
            case "yaml":
                ApiEndpointManifestWriter.Write(Console.Out, snapshot, @namespace, clients);
                break;
            case "openapi":
                OpenApiCatalogWriter.Write(Console.Out, snapshot);
                break;
            default:
                CatalogTableWriter.Write(Console.Out, snapshot, colour: !Console.IsOutputRedirected);
                break;
        }
        Console.Out.Flush();
        if (!parsed.Has("quiet"))
        {
            WriteSummary(snapshot, options, pipeline.Statistics, inputs, notCalls, stopwatch.Elapsed);
            WriteSpecWarnings(loadedSpecs);
        }
        return DamagedInputs.ExitCode(pipeline.Statistics, pcaps, inputs);
    }

    private static (SpecIndex? Index, IReadOnlyList<ApiSpec> Specs) LoadSpecs(IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            return (null, []);
        }
        var index = new SpecIndex();
        var specs = new List<ApiSpec>();
        foreach (var file in files)
        {
            var spec = ApiSpec.Load(file);
            specs.Add(spec);
            index.Add(spec);
        }
        foreach (var unbound in index.UnboundSpecs)
        {
            StderrLine.Write($"warning: {unbound.SourceName} declares no servers, so it describes no host (add servers to it)");
        }
        return (index, specs);
    }

    // A published spec with thousands of rule breaches must not flood the terminal: the first few per spec, then a count.
    private const int SpecWarningLines = 10;

    private static void WriteSpecWarnings(IReadOnlyList<ApiSpec> specs)
    {
        foreach (var spec in specs)
        {
            var total = spec.Warnings.Count + spec.WarningsDropped;
            if (total == 0)
            {
                continue;
            }
            StderrLine.Write(string.Create(CultureInfo.InvariantCulture,
                $"spec {TerminalText.Cut(spec.SourceName, 160)}: {total:N0} warnings (loaded; each part affected is skipped or read as unconstrained)"));
            foreach (var warning in spec.Warnings.Take(SpecWarningLines))
            {
                StderrLine.Write("  " + TerminalText.Cut(warning.ToString(), 200));
            }
            if (total > SpecWarningLines)
            {
                StderrLine.Write(string.Create(CultureInfo.InvariantCulture, $"  ... and {total - SpecWarningLines:N0} more"));
            }
        }
    }

    private static RiskWeights LoadWeights(string file)
    {
        try
        {
            return RiskWeights.FromJson(File.ReadAllText(file));
        }
        catch (FileNotFoundException)
        {
            throw new UsageException($"--risk-weights: {file}: no such file");
        }
        catch (FormatException e)
        {
            throw new UsageException($"--risk-weights: {file}: {e.Message}");
        }
    }

    private static GeoIpEnricher OpenGeoIp(string path)
    {
        try
        {
            return GeoIpEnricher.Open(path);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--geoip: " + e.Message);
        }
    }

    private static void WriteSummary(CatalogSnapshot snapshot, CatalogOptions bounds, PipelineStatistics statistics, InputsRead inputs, long notCalls, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var endpoints = snapshot.Endpoints;
        StderrLine.Write(SummaryReporter.WhatWasRead(statistics, inputs, elapsed));
        StderrLine.Write(string.Format(c,
            "{0:N0} endpoints ({1} high or critical risk, {2} shadow) from {3:N0} calls; {4} findings; {6} probed paths; {5:N1} s",
            endpoints.Count, endpoints.Count(e => e.Risk!.Level is RiskLevels.High or RiskLevels.Critical), endpoints.Count(e => e.IsShadow),
            snapshot.Counters.Calls, snapshot.Findings.Count, elapsed.TotalSeconds, snapshot.ProbedPaths.Count));
        var issues = SummaryReporter.Issues(statistics, inputs).Where(i => i.Count > 0).ToList();
        if (notCalls > 0)
        {
            issues.Add((notCalls, "exchanges that are not API calls (no request, or a CONNECT / * target)"));
        }
        if (snapshot.Counters.TemplaterTruncatedCalls > 0)
        {
            issues.Add((snapshot.Counters.TemplaterTruncatedCalls, "calls past the templater's per-host node bound"));
        }
        var counters = snapshot.Counters;
        issues.Add((counters.HostOverflowCalls, string.Format(c, "calls to hosts past the {0:N0}-host bound (catalogued as host {1})", bounds.MaxHosts, CatalogOverflow.Name)));
        issues.Add((counters.MethodOverflowCalls, string.Format(c, "calls with methods past the {0:N0}-methods-per-host bound (as method {1})", bounds.MaxMethodsPerHost, CatalogOverflow.Name)));
        issues.Add((counters.EndpointOverflowCalls, string.Format(c, "calls past the {0:N0}-endpoint bound (as endpoint {1} {1} {1})", bounds.MaxEndpoints, CatalogOverflow.Name)));
        issues.Add((counters.InvalidHostCalls, string.Format(c, "calls that named no host (catalogued as host {0})", CatalogOverflow.Name)));
        issues.Add((counters.InvalidMethodCalls, string.Format(c, "calls whose method is no HTTP token of at most {0} characters (as method {1})", CallShape.MaxMethodLength, CatalogOverflow.Name)));
        issues.Add((counters.InvalidStatusCalls, string.Format(c, "responses whose status is outside {0}..{1} (not counted as a status code)", CallShape.MinStatus, CallShape.MaxStatus)));
        issues.Add((counters.FindingClientsEvicted, "clients whose finding windows were dropped at the tracked-clients bound"));
        issues.Add((counters.FindingsDropped, "findings dropped at the findings bound"));
        issues.Add((counters.FindingWindowEventsDropped, "calls pushed out of a full per-client finding window"));
        issues.Add((counters.CallsFromUntrackedSources, "calls from sources past the tracked-sources bound (not tracked for findings)"));
        issues.Add((counters.UnconfirmedClockJumps, "calls stamped over an hour ahead of their source's clock, unconfirmed (did not move it)"));
        if (snapshot.StaticAssets.Count > 0)
        {
            StderrLine.Write(string.Format(c, "{0:N0} static assets listed apart from the endpoints", snapshot.StaticAssets.Count));
        }
        if (counters.CallsWithoutClient > 0)
        {
            StderrLine.Write(string.Format(c,
                "{0:N0} calls have no client address (HAR input): exposure, client lists and per-client findings leave them out",
                counters.CallsWithoutClient));
        }
        issues.RemoveAll(i => i.Count == 0);
        SummaryReporter.WriteIssues(Console.Error, issues);
    }
}
