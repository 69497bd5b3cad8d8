using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.AccessLogs;
using ApiSentinel.Sensor.Daemon.AccessLogs;
using ApiSentinel.Sensor.Daemon.Capture;
using ApiSentinel.Sensor.Daemon.Configuration;
using ApiSentinel.Sensor.Daemon.Health;
using ApiSentinel.Sensor.Daemon.Metrics;
using ApiSentinel.Sensor.Daemon.Upload;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace ApiSentinel.Sensor.Daemon.Hosting;

/// <summary>
/// The daemon assembled: capture pipelines → upload queue → uploader → collector, and Kestrel for /healthz, /readyz,
/// /metrics (and the ALS endpoint). <see cref="RunAsync"/> owns the order of shutdown, which the generic host's
/// reverse-registration order cannot express: stop capture (pipelines flush), flush the queue, wait for acks, and
/// only then stop the HTTP server (so /metrics answers until the end).
/// </summary>
internal sealed class SensorDaemon : IAsyncDisposable
{
    /// <summary>
    /// A replay waits at most this long (or the ack timeout, if shorter) for the collector's first SensorConfig before
    /// capture starts: long enough for a collector that is up, short enough that a replay to a collector still down
    /// queues its calls (and, with drop-oldest, counts its drops) instead of idling for the whole ack timeout.
    /// </summary>
    private static readonly TimeSpan MaxConfigurationWait = TimeSpan.FromSeconds(5);

    private readonly DaemonSettings _settings;
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;
    private readonly CaptureRunner _capture;
    private readonly AccessLogIntake? _accessLogIntake;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _uploadStop = new();
    private readonly ILogger _logger;
    private Task? _upload;

    private SensorDaemon(DaemonSettings settings, WebApplication app, GrpcChannel channel, CaptureRunner capture,
        AccessLogIntake? accessLogIntake, Uploader uploader, UploadCounters counters, SensorCounters sensorCounters,
        TimeProvider time, ILogger logger)
    {
        _accessLogIntake = accessLogIntake;
        _time = time;
        _settings = settings;
        _app = app;
        _channel = channel;
        _capture = capture;
        Uploader = uploader;
        Counters = counters;
        SensorCounters = sensorCounters;
        _logger = logger;
    }

    public Uploader Uploader { get; }

    public UploadCounters Counters { get; }

    public SensorCounters SensorCounters { get; }

    public CaptureRunner Capture => _capture;

    /// <summary>Where /healthz, /readyz and /metrics answer, once started (the bound port when 0 was asked for).</summary>
    public Uri? HttpAddress { get; private set; }

    /// <summary>The host's services (Kestrel's options, for tests of its limits).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Where the Envoy ALS endpoint answers (h2c), once started.</summary>
    public Uri? AlsAddress { get; private set; }

    /// <summary>
    /// Builds the daemon: opens the capture sources, reads the token and certificates. Expected failures throw
    /// <see cref="OptionsException"/> or <see cref="Sensor.Capture.CaptureException"/> with a one-line message.
    /// </summary>
    public static SensorDaemon Create(DaemonSettings settings, DaemonEnvironment environment)
    {
        var token = new TokenFile(settings.TokenFile);
        token.Load();
        var channel = CollectorChannel.Create(settings);
        try
        {
            return Create(settings, environment, token, channel);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    private static SensorDaemon Create(DaemonSettings settings, DaemonEnvironment environment, TokenFile token, GrpcChannel channel)
    {
        var time = environment.Time;
        var counters = new UploadCounters();
        var signal = new AsyncSignal();
        var queue = new CallQueue(settings.QueueCapacity, settings.QueueFull, counters, signal);
        var sink = new CallSink(settings.SensorId, queue, counters);
        var extraction = ExtractionSettings.Create(settings);
        var pipelines = CaptureSetup.Open(settings, extraction, sink.Accept, time);
        var accessLogs = settings.AlsListen is null ? null : new AccessLogCounters();
        var intake = accessLogs is null ? null : new AccessLogIntake(sink.Accept, counters);
        var accessLogService = intake is null ? null : new AccessLogIngestService(extraction, intake.Accept, accessLogs!, time);

        Uploader? uploader = null;
        var sensorCounters = new SensorCounters(pipelines, counters, queue, () => uploader, accessLogs, accessLogService?.ExtractionCounters);
        var export = new PrometheusExport(sensorCounters);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "apisentinel-sensor" });
        ConfigureLogging(builder.Logging, environment);
        ConfigureServer(builder, settings);
        builder.Services.AddRouting();
        if (accessLogService is not null)
        {
            AccessLogHosting.AddServices(builder.Services, accessLogService);
        }
        builder.Services.AddSingleton(time);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout + TimeSpan.FromSeconds(10));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddHostedService(sp =>
            new CounterLogService(sensorCounters, settings.LogInterval, time, sp.GetRequiredService<ILogger<CounterLogService>>()));
        var app = builder.Build();

        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var capture = new CaptureRunner(pipelines, loggers.CreateLogger<CaptureRunner>());
        var configHandler = new PipelineReconfigurer(pipelines, accessLogService, sink, counters, loggers.CreateLogger<PipelineReconfigurer>());
        var hello = SensorIdentity.CreateHello(settings, environment.Variables, environment.HostName);
        hello.Capabilities.AddRange(configHandler.Capabilities);
        uploader = new Uploader(settings, hello, queue, signal, counters, token, new Ingest.V1Alpha1.Ingest.IngestClient(channel),
            configHandler, () => SensorStatusSnapshot.Create(sensorCounters, time), time, environment.Random,
            loggers.CreateLogger<Uploader>());

        HealthEndpoints.Map(app, capture, uploader);
        if (accessLogService is not null)
        {
            AccessLogHosting.Map(app);
        }
        app.MapMetrics("/metrics", export.Registry);
        return new SensorDaemon(settings, app, channel, capture, intake, uploader, counters, sensorCounters, time, loggers.CreateLogger<SensorDaemon>());
    }

    private static void ConfigureLogging(ILoggingBuilder logging, DaemonEnvironment environment)
    {
        logging.SetMinimumLevel(LogLevel.Information);
        // ASP.NET Core's per-request lines would drown the daemon's own; its warnings and errors stay.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // A listener that cannot bind is reported by StartAsync as one line (exit 2). Without these two filters the
        // host ("Hosting failed to start") and Kestrel ("Unable to start Kestrel", its only Critical) would also log
        // the exception, stack trace included, to stdout. The host logs nothing else the daemon does not report.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", level => level is >= LogLevel.Warning and < LogLevel.Critical);
        if (environment.ConfigureLogging is { } configure)
        {
            configure(logging);
            return;
        }
        logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        });
    }

    private static void ConfigureServer(WebApplicationBuilder builder, DaemonSettings settings)
    {
        if (settings.HttpListen is null && settings.AlsListen is null)
        {
            builder.Services.AddSingleton<IServer, NoListenerServer>();
            return;
        }
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            if (settings.HttpListen is { } http)
            {
                kestrel.Listen(http, o => o.Protocols = HttpProtocols.Http1);
            }
            if (settings.AlsListen is { } als)
            {
                // Bounds what proxies (or anything else reaching the port) can open; the sizing is the sensor
                // library's. Kestrel's limits are server-wide: the connection cap also covers the HTTP/1 metrics
                // listener (which needs a few), the stream cap only matters to HTTP/2, which only ALS speaks.
                kestrel.Limits.MaxConcurrentConnections = AccessLogIngestService.RecommendedMaxConcurrentConnections;
                kestrel.Limits.Http2.MaxStreamsPerConnection = AccessLogIngestService.RecommendedMaxStreamsPerConnection;
                // Envoy's gRPC client speaks HTTP/2 with prior knowledge (h2c) to a plain-text ALS cluster.
                kestrel.Listen(als, o => o.Protocols = HttpProtocols.Http2);
            }
        });
    }

    /// <summary>
    /// Binds the listeners (a port in use is an <see cref="OptionsException"/>), then starts upload and capture; a
    /// replay first waits (at most --ack-timeout-seconds) for the collector's SensorConfig.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // Kestrel's message names the address ("Failed to bind to address http://…: address already in use.").
            throw new OptionsException($"cannot listen: {e.Message}", e);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            // Any other bind failure (EADDRNOTAVAIL: not an address of this host; EACCES: a port below 1024) comes
            // through unwrapped, without the address.
            var asked = new[] { _settings.HttpListen, _settings.AlsListen }.OfType<System.Net.IPEndPoint>().Select(a => a.ToString());
            throw new OptionsException($"cannot listen on {string.Join(", ", asked)}: {e.Message}", e);
        }
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        // Kestrel reports the bound addresses in the order the endpoints were configured: HTTP first, then ALS.
        int next = 0;
        if (_settings.HttpListen is not null && next < addresses.Count)
        {
            HttpAddress = new Uri(addresses[next++]);
        }
        if (_settings.AlsListen is not null && next < addresses.Count)
        {
            AlsAddress = new Uri(addresses[next]);
        }
        _upload = Uploader.RunAsync(_uploadStop.Token);
        if (_settings.Mode == CaptureMode.Replay)
        {
            try
            {
                await Uploader.WaitFirstConfigurationAsync(_settings.AckTimeout < MaxConfigurationWait ? _settings.AckTimeout : MaxConfigurationWait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped while waiting: capture starts and RunAsync shuts it down at once.
            }
        }
        _capture.Start();
    }

    /// <summary>
    /// Runs until the work is done (replay: every call acknowledged), capture fails, or a stop is asked for
    /// (<paramref name="stop"/>, SIGTERM); then shuts down in order and says how it ended.
    /// </summary>
    public async Task<DaemonExit> RunAsync(CancellationToken stop)
    {
        var lifetime = _app.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop, lifetime.ApplicationStopping);
        DaemonExit exit = DaemonExit.Success;
        bool drain = true;
        try
        {
            switch (_settings.Mode)
            {
                case CaptureMode.Replay:
                    if (!await CaptureOrStallAsync(stopping.Token).ConfigureAwait(false))
                    {
                        // Capture may be blocked on the full queue (--queue-full wait): release it, or shutdown waits for it.
                        Uploader.ReleaseProducers();
                        drain = false;
                        exit = Unacknowledged();
                        break;
                    }
                    if (await _capture.Completion.ConfigureAwait(false) is { } replayFailure)
                    {
                        exit = DaemonExit.Failure(replayFailure);
                        break;
                    }
                    if (!await Uploader.WaitDrainedAsync(_settings.AckTimeout, stopping.Token).ConfigureAwait(false))
                    {
                        drain = false;
                        exit = Unacknowledged();
                    }
                    break;
                case CaptureMode.Live:
                    var liveFailure = await _capture.Completion.WaitAsync(stopping.Token).ConfigureAwait(false);
                    exit = DaemonExit.Failure(liveFailure ?? "capture ended unexpectedly");
                    break;
                default:
                    await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
                    break;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // SIGTERM or the caller's stop: a graceful shutdown, exit 0.
        }
        await ShutdownAsync(drain).ConfigureAwait(false);
        return exit;
    }

    /// <summary>
    /// Waits for the replay's capture to end (true) while watching the uploader: false when calls stayed
    /// unacknowledged for --ack-timeout-seconds first.
    /// </summary>
    private async Task<bool> CaptureOrStallAsync(CancellationToken stopping)
    {
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var stalled = Uploader.WaitStalledAsync(_settings.AckTimeout, watchdog.Token);
        var first = await Task.WhenAny(_capture.Completion, stalled).ConfigureAwait(false);
        await watchdog.CancelAsync().ConfigureAwait(false);
        stopping.ThrowIfCancellationRequested();
        return first != stalled;
    }

    private DaemonExit Unacknowledged() => DaemonExit.Failure(FormattableString.Invariant(
        $"the collector acknowledged nothing for {_settings.AckTimeout.TotalSeconds:0.#} s; {Uploader.Outstanding} calls unacknowledged"));

    /// <summary>
    /// Stops in order within one deadline, --shutdown-timeout-seconds for the whole of it (it must fit Kubernetes'
    /// termination grace, 30 s by default): ALS intake (so the queue can empty while proxies keep streaming), capture
    /// (pipelines flush), the wait for acks, the polite end of the stream, the HTTP server.
    /// </summary>
    private async Task ShutdownAsync(bool drain)
    {
        var deadline = _time.GetUtcNow() + _settings.ShutdownTimeout;
        TimeSpan Remaining()
        {
            var left = deadline - _time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
        _accessLogIntake?.Close();
        await _capture.StopAsync(Remaining()).ConfigureAwait(false);
        if (drain && Remaining() > TimeSpan.Zero)
        {
            using var timeout = new CancellationTokenSource(Remaining(), _time);
            try
            {
                await Uploader.WaitDrainedAsync(Remaining(), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Whatever is still unacknowledged is counted below.
            }
        }
        var closeFor = Remaining() < TimeSpan.FromSeconds(5) ? Remaining() : TimeSpan.FromSeconds(5);
        await Uploader.CloseAsync(closeFor).ConfigureAwait(false);
        await _uploadStop.CancelAsync().ConfigureAwait(false);
        if (_upload is not null)
        {
            await _upload.ConfigureAwait(false);
        }
        long dropped = Uploader.DropUnacknowledged();
        if (dropped > 0)
        {
            UploadLog.UnacknowledgedAtShutdown(_logger, dropped);
        }
        // /metrics answers until here; what is left of the deadline bounds the server's own stop.
        using var stopServer = new CancellationTokenSource(Remaining(), _time);
        await _app.StopAsync(stopServer.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _capture.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
        _channel.Dispose();
        _uploadStop.Dispose();
    }
}
