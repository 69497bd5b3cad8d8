using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Templating;
using ApiSentinel.Contract;

namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// The engine's per-call work taken apart, each part driven on its own over the same stream: the reference count,
/// the stream's copy, templating (<see cref="PathTemplater.ObserveAndResolve"/>, as the catalog calls it), the
/// finding detector, the exposure classifier and the endpoint aggregates (<c>ApiEndpoint.Add</c>). The detector and
/// the aggregates get the endpoint key each call settles on (resolved once, up front, from the whole pool), so they
/// see what they see inside the catalog once templates are stable. Each part is timed over its second
/// <c>calls</c> calls (steady state). What the parts do not add up to is the catalog's own glue (bounds, the
/// endpoint map, the key) and the parts' cache pressure on each other.
/// </summary>
internal sealed class Stages
{
    public const string Copy = "stream copy";
    public const string Reference = "reference count";
    public const string Templating = "templating";
    public const string Findings = "findings";
    public const string Exposure = "exposure";
    public const string Aggregates = "endpoint aggregates";
    public const string Engine = "engine";

    public static readonly string[] Parts = [Templating, Findings, Exposure, Aggregates];

    private readonly CallPool _pool;
    private readonly long _stepMicros;
    private readonly EndpointKey[] _keys;
    private readonly PathTemplate[] _templates;

    public Stages(CallPool pool, long stepMicros)
    {
        _pool = pool;
        _stepMicros = stepMicros;
        var templater = new PathTemplater(new TemplatingOptions());
        foreach (var call in pool.Calls)
        {
            templater.Observe(call.Host, call.Path);
        }

        templater.Refresh();
        _templates = [.. pool.Calls.Select(c => templater.Resolve(c.Host, c.Path))];
        _keys = [.. pool.Calls.Select((c, i) => new EndpointKey(c.Host, c.Method, _templates[i].Template))];
    }

    public StageTiming Measure(string stage, int run, long calls, bool freshStrings = false)
    {
        var stream = new CallStream(_pool, 1_700_000_000_000_000, _stepMicros, freshStrings);
        Action<ApiCall, int> step = stage switch
        {
            Copy => (_, _) => { },
            Reference => ReferenceStep(),
            Templating => TemplatingStep(),
            Findings => FindingsStep(),
            Exposure => ExposureStep(),
            Aggregates => AggregatesStep(),
            _ => throw new ArgumentException($"unknown stage {stage}"),
        };
        // The part is first fed as many calls untimed, so the timed ones see its steady state (endpoints, clients
        // and templates known) rather than its filling, which dominated at 500+ endpoints.
        Drive(stream, calls, step);
        var (cpu, allocated) = Drive(stream, calls, step);
        return new StageTiming(_pool.Endpoints, run, stage, calls, cpu, allocated);
    }

    /// <summary>
    /// Feeds <paramref name="calls"/> calls to <paramref name="step"/>; returns the thread CPU and bytes it took. With
    /// fresh strings the copies are made per batch outside the timed region, so neither figure includes them.
    /// </summary>
    internal static (double Cpu, long Allocated) Drive(CallStream stream, long calls, Action<ApiCall, int> step)
    {
        if (!stream.FreshStrings)
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var before = ThreadCpu.Seconds();
            for (long i = 0; i < calls; i++)
            {
                step(stream.Next(), stream.LastIndex);
            }

            return (ThreadCpu.Seconds() - before, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
        }

        var batch = new ApiCall[CallStream.BatchSize];
        var indexes = new int[CallStream.BatchSize];
        double cpu = 0;
        long allocated = 0;
        for (long done = 0; done < calls;)
        {
            var n = (int)Math.Min(batch.Length, calls - done);
            stream.Fill(batch.AsSpan(0, n), indexes.AsSpan(0, n));
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var before = ThreadCpu.Seconds();
            for (var i = 0; i < n; i++)
            {
                step(batch[i], indexes[i]);
            }

            cpu += ThreadCpu.Seconds() - before;
            allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            done += n;
        }

        // The last batch's calls go to the GC with the run (collections they trigger count against the copy).
        Array.Clear(batch);
        return (cpu, allocated);
    }

    private static Action<ApiCall, int> ReferenceStep()
    {
        var reference = new ReferenceCount();
        return (call, _) => reference.Add(call);
    }

    private static Action<ApiCall, int> TemplatingStep()
    {
        var templater = new PathTemplater(new TemplatingOptions());
        // As the catalog templates a call: one walk observing and resolving, with the call as shape evidence.
        return (call, index) => templater.ObserveAndResolve(templater.HostState(call.Host), call.Path, call, out _);
    }

    private Action<ApiCall, int> FindingsStep()
    {
        var detector = new FindingDetector(new FindingOptions());
        return (call, index) => detector.Observe(call, _keys[index]);
    }

    private static Action<ApiCall, int> ExposureStep()
    {
        var classifier = new ExposureClassifier();
        return (call, index) => classifier.Classify(call.ClientAddress);
    }

    private Action<ApiCall, int> AggregatesStep()
    {
        var endpoints = new Dictionary<EndpointKey, ApiEndpoint>();
        var classifier = new ExposureClassifier();
        var clients = new CatalogOptions().ClientsTrackedPerEndpoint;
        // The exposure is classified inside the step (a cache hit) and its cost is in the exposure stage too; it
        // is small next to Add.
        return (call, index) =>
        {
            if (!endpoints.TryGetValue(_keys[index], out var endpoint))
            {
                endpoints[_keys[index]] = endpoint = new ApiEndpoint(_keys[index], _templates[index], clients);
            }

            endpoint.Add(call, classifier.Classify(call.ClientAddress));
        };
    }
}
