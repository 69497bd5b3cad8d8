namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One <c>apisentinel-sensor</c> process under test, with its own loopback port for /healthz, /readyz and
/// /metrics. Started in one of the modes the issue fixes: replay (<c>--pcap</c>, exits 0 once every batch is
/// acknowledged), live capture (<c>--interface</c>) or access logs only (<c>--als-listen</c>).
/// </summary>
internal sealed class SensorProcess : IDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private SensorProcess(string sensorId, int httpPort, int? accessLogPort, IReadOnlyList<string> arguments)
    {
        SensorId = sensorId;
        HttpPort = httpPort;
        AccessLogPort = accessLogPort;
        Arguments = arguments;
        Process = ServiceProcess.StartDotnet($"sensor {sensorId}", RepositoryPaths.Sensor, arguments);
    }

    public string SensorId { get; }

    public int HttpPort { get; }

    /// <summary>The Envoy ALS port, when started with one.</summary>
    public int? AccessLogPort { get; }

    public IReadOnlyList<string> Arguments { get; }

    public ServiceProcess Process { get; }

    public string HttpBase => $"http://127.0.0.1:{HttpPort}";

    /// <summary><c>--pcap FILE… [--replay-speed X]</c> into <paramref name="collector"/>.</summary>
    public static SensorProcess StartReplay(string collectorUrl, string tokenFile, string sensorId,
        IEnumerable<string> captures, double? replaySpeed = null, IEnumerable<string>? extraArguments = null)
    {
        // One --pcap followed by every file, as the usage line has it (`--pcap FILE…`).
        var arguments = new List<string> { "--pcap" };
        arguments.AddRange(captures);
        if (replaySpeed is double speed)
        {
            arguments.AddRange(["--replay-speed", speed.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        return Start(collectorUrl, tokenFile, sensorId, arguments, extraArguments, accessLogPort: null);
    }

    /// <summary><c>--interface IF</c>: live capture (run in the root namespace, on the root-side veth end).</summary>
    public static SensorProcess StartLive(string collectorUrl, string tokenFile, string sensorId, string networkInterface,
        bool withAccessLogs = false, IEnumerable<string>? extraArguments = null) =>
        Start(collectorUrl, tokenFile, sensorId, ["--interface", networkInterface], extraArguments,
            withAccessLogs ? FreePort.Next() : null);

    /// <summary>Envoy access logs only: <c>--als-listen</c>, no packet capture.</summary>
    public static SensorProcess StartAccessLogOnly(string collectorUrl, string tokenFile, string sensorId,
        IEnumerable<string>? extraArguments = null) =>
        Start(collectorUrl, tokenFile, sensorId, [], extraArguments, FreePort.Next());

    /// <summary>Waits for /readyz: capture running and connected to the collector at least once.</summary>
    public Task WaitUntilReadyAsync() => ServiceHttp.WaitUntilOkAsync(HttpBase + "/readyz", Process, ReadyTimeout);

    /// <summary>Waits for /healthz only (the process serves; no collector needed).</summary>
    public Task WaitUntilServingAsync() => ServiceHttp.WaitUntilOkAsync(HttpBase + "/healthz", Process, ReadyTimeout);

    public async Task<PrometheusText> GetMetricsAsync() => PrometheusText.Parse(await ServiceHttp.GetOkAsync(HttpBase + "/metrics"));

    public void Dispose() => Process.Dispose();

    private static SensorProcess Start(string collectorUrl, string tokenFile, string sensorId, IEnumerable<string> modeArguments,
        IEnumerable<string>? extraArguments, int? accessLogPort)
    {
        int httpPort = FreePort.Next();
        var arguments = new List<string>(modeArguments)
        {
            "--collector", collectorUrl,
            "--token-file", tokenFile,
            "--sensor-id", sensorId,
            "--http-listen", $"127.0.0.1:{httpPort}",
        };
        if (accessLogPort is int port)
        {
            arguments.AddRange(["--als-listen", $"127.0.0.1:{port}"]);
        }
        arguments.AddRange(extraArguments ?? []);
        return new SensorProcess(sensorId, httpPort, accessLogPort, arguments);
    }
}
