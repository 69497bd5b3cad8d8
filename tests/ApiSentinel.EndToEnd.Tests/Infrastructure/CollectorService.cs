using System.Text.Json.Nodes;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The <c>apisentinel-collector</c> under test, across process lifetimes: fixed loopback ports, token file and
/// state directory, so a restart after <see cref="Kill"/> is the same collector on the same state. Keeps the
/// output of every run (for assertions, for failure messages and for the privacy sweep).
/// </summary>
internal sealed class CollectorService : IDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<ServiceProcess> _runs = [];
    private readonly IReadOnlyList<string> _extraArguments;
    private readonly IReadOnlyDictionary<string, string>? _environment;

    public CollectorService(TemporaryDirectory work, IEnumerable<string>? extraArguments = null, string name = "collector",
        IReadOnlyDictionary<string, string>? environment = null)
    {
        _environment = environment;
        Name = name;
        StateDirectory = Path.Combine(work.Path, name + "-state");
        Directory.CreateDirectory(StateDirectory);
        TokenFile = TestTokens.WriteFile(work, name + ".token", TestTokens.Valid);
        GrpcPort = FreePort.Next();
        HttpPort = FreePort.Next();
        var extra = extraArguments?.ToList() ?? [];
        // No cluster unless the test gives one: the sink stays off even where the machine is inside one.
        _extraArguments = extra.Any(a => a.StartsWith("--kubernetes", StringComparison.Ordinal) || a.StartsWith("--kubeconfig", StringComparison.Ordinal))
            ? extra
            : ["--kubernetes=false", .. extra];
    }

    public string Name { get; }

    public string StateDirectory { get; }

    public string TokenFile { get; }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    /// <summary>What sensors are given as <c>--collector</c> (h2c on loopback).</summary>
    public string GrpcUrl => $"http://127.0.0.1:{GrpcPort}";

    public string HttpBase => $"http://127.0.0.1:{HttpPort}";

    public ServiceProcess Current => _runs.Count > 0 ? _runs[^1] : throw new InvalidOperationException("the collector was never started");

    /// <summary>Every line every run of the collector wrote, in run order.</summary>
    public string AllOutput => string.Concat(_runs.Select(run => run.Output));

    public IReadOnlyList<string> Arguments =>
    [
        "--grpc-listen", $"127.0.0.1:{GrpcPort}",
        "--http-listen", $"127.0.0.1:{HttpPort}",
        "--token-file", TokenFile,
        "--state-dir", StateDirectory,
        .. _extraArguments,
    ];

    /// <summary>Starts a run and waits for /readyz (state restored, listening).</summary>
    public async Task StartAsync()
    {
        if (_runs.Count > 0 && !Current.HasExited)
        {
            throw new InvalidOperationException("the collector is already running");
        }
        var run = ServiceProcess.StartDotnet($"{Name} (run {_runs.Count + 1})", RepositoryPaths.Collector, Arguments, _environment);
        _runs.Add(run);
        await ServiceHttp.WaitUntilOkAsync(HttpBase + "/readyz", run, StartTimeout);
    }

    /// <summary>kill -9 of the running process; the state directory stays as the crash left it.</summary>
    public void Kill() => Current.Kill();

    public Task<string> GetAsync(string pathAndQuery) => ServiceHttp.GetOkAsync(HttpBase + pathAndQuery);

    public async Task<JsonNode> GetJsonAsync(string pathAndQuery) =>
        JsonNode.Parse(await GetAsync(pathAndQuery)) ?? throw new InvalidOperationException($"{pathAndQuery} answered JSON null");

    /// <summary>GET /api/v1/endpoints as a catalog document.</summary>
    public async Task<CatalogDocument> GetCatalogAsync(string query = "") =>
        CatalogDocument.Parse(await GetAsync("/api/v1/endpoints" + query));

    public async Task<PrometheusText> GetMetricsAsync() => PrometheusText.Parse(await GetAsync("/metrics"));

    public string Describe() => string.Join('\n', _runs.Select(run => run.Describe()));

    public void Dispose()
    {
        foreach (var run in _runs)
        {
            run.Dispose();
        }
    }
}
