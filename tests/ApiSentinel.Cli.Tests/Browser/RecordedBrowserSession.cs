using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Cli.Tests.Browser;

/// <summary>
/// One real browser session, recorded once for all the tests of <see cref="BrowserHarAndPcapTests"/>:
/// json-server (a real REST server) in a network namespace serves a planted database and a page whose script
/// calls the API in a fixed order; headless Chromium in the root namespace loads the page, then reloads it
/// (revalidations answered 304); our CDP recorder writes the browser's HAR while tcpdump captures the same
/// traffic on the veth. Both are then analysed by the real <c>apisentinel</c> in every output format.
/// </summary>
/// <remarks>
/// Bounded: each step has its own time-out (about 15 s of wall time in all on the development machine), and
/// every process, the namespace and the files are removed on dispose and when recording fails half-way.
/// </remarks>
public sealed class RecordedBrowserSession : IDisposable
{
    public const int Port = 3000;

    /// <summary>The output formats of <c>analyze</c>; each is run for both inputs.</summary>
    public static readonly string[] Formats = ["json", "table", "yaml", "openapi"];

    private const int MaxAttempts = 2;
    private static readonly TimeSpan ServerStart = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(45);

    private readonly TemporaryDirectory _dir = new();
    private readonly List<ChildProcess> _processes = [];
    private NetworkNamespacePair? _network;

    public RecordedBrowserSession()
    {
        if (NetworkNamespacePair.UnavailableReason is not null)
        {
            return; // every test is a NetnsFact and is skipped with the reason
        }
        try
        {
            var clock = Stopwatch.StartNew();
            int attempt = 1;
            // Chromium writes its HTTP cache asynchronously; a reload that races the write finds nothing to
            // revalidate and fetches afresh (seen once in about ten runs at a load average of 30). The scenario
            // needs its 304s, so such a recording is made once more from scratch, never patched.
            while (!Record() && attempt < MaxAttempts)
            {
                attempt++;
                EndAttempt();
            }
            var recorded = clock.Elapsed;
            Analyze();
            Timings = $"recorded in {recorded.TotalSeconds:0.0} s ({attempt} attempt(s)), analysed in {(clock.Elapsed - recorded).TotalSeconds:0.0} s";
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Wall time of the two phases, for the test log.</summary>
    public string Timings { get; private set; } = "";

    /// <summary>What the browser used: the namespace's address and the server's port.</summary>
    public string Authority { get; private set; } = "";

    public string HarPath => _dir.File("browser.har");

    public string PcapPath => _dir.File("browser.pcap");

    /// <summary>The HAR as the browser recorder wrote it.</summary>
    public string HarText { get; private set; } = "";

    /// <summary>The raw values the scenario plants (tests/browser/planted.json).</summary>
    public IReadOnlyList<string> Planted { get; private set; } = [];

    /// <summary><c>analyze</c>'s result per (input, format): input is "har" or "pcap".</summary>
    internal IReadOnlyDictionary<(string Input, string Format), CliProcess.Result> Analyses { get; private set; } =
        new Dictionary<(string, string), CliProcess.Result>();

    /// <summary><c>exchanges --pcap</c> in JSON Lines: the wire's own record of what was sent, in request order.</summary>
    internal CliProcess.Result PcapExchanges { get; private set; } = new(0, "", "");

    /// <summary>Where each input's yaml manifests were written, for kubectl.</summary>
    public string ManifestPath(string input) => _dir.File($"{input}.yaml");

    public CatalogView Catalog(string input) => CatalogView.Parse(Analyses[(input, "json")].Stdout);

    /// <summary>The CIDR of the client side, passed as <c>--cluster-cidr</c> so the pcap's real client is internal.</summary>
    public string ClientNetwork { get; private set; } = "";

    public void Dispose()
    {
        EndAttempt();
        if (Directory.Exists(_dir.Path))
        {
            _dir.Dispose();
        }
    }

    /// <summary>Stops every process of a recording attempt and removes its namespace and files.</summary>
    private void EndAttempt()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
        _processes.Clear();
        _network?.Dispose();
        _network = null;
        foreach (var entry in Directory.Exists(_dir.Path) ? Directory.GetFileSystemEntries(_dir.Path) : [])
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
    }

    /// <summary>Records the session; false when the browser's reload did not revalidate (see the constructor).</summary>
    private bool Record()
    {
        if (BrowserTools.Missing() is string missing)
        {
            throw new InvalidOperationException(missing);
        }
        Planted = JsonDocument.Parse(File.ReadAllText(Path.Combine(BrowserTools.DriverSource, "planted.json")))
            .RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray();

        // json-server rewrites its database on every POST, PUT and DELETE: it gets a copy, and the page's files
        // are served from that folder too (its --static path is relative to the working directory).
        var serverDir = Directory.CreateDirectory(_dir.File("server")).FullName;
        File.Copy(Path.Combine(BrowserTools.DriverSource, "db.json"), Path.Combine(serverDir, "db.json"));
        var site = Directory.CreateDirectory(Path.Combine(serverDir, "site")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(BrowserTools.DriverSource, "site")))
        {
            File.Copy(file, Path.Combine(site, Path.GetFileName(file)));
        }

        _network = NetworkNamespacePair.Create();
        var server = _network.NamespaceAddress.ToString();
        Authority = $"{server}:{Port}";
        ClientNetwork = $"{_network.HostAddress}/{_network.PrefixLength}";

        // `ip netns exec` has no working-directory option: the shell changes into the server folder first.
        var jsonServer = Track(ChildProcess.Adopt("json-server", _network.StartInNamespace("sh", "-c",
            "cd \"$1\" && exec node \"$2\" db.json --host \"$3\" --port \"$4\" --static site --quiet",
            "sh", serverDir, BrowserTools.JsonServer, server, Port.ToString(CultureInfo.InvariantCulture))));
        TcpPort.WaitUntilOpen(server, Port, ServerStart, () => "json-server: " + jsonServer.Output);

        // tcpdump writes each packet as it comes (-U) and says "listening on" once the socket is attached.
        var tcpdump = Track(ChildProcess.Start("tcpdump", BrowserTools.Tcpdump,
            ["-i", _network.HostInterface, "-s", "0", "-U", "-n", "-w", PcapPath, $"tcp port {Port}"]));
        if (!tcpdump.WaitForOutput("listening on", TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException("tcpdump did not start: " + tcpdump.Output);
        }

        var recorder = Track(ChildProcess.Start("browser recorder", BrowserTools.Node,
            [BrowserTools.Recorder, "--chromium", BrowserTools.Chromium, "--url", $"http://{Authority}/index.html",
             "--out", HarPath, "--timeout-ms", ((int)RecordTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)],
            workingDirectory: BrowserTools.DriverSource,
            environment: new Dictionary<string, string> { ["NODE_PATH"] = BrowserTools.NodeModules }));
        var exit = recorder.WaitForExit(RecordTimeout + TimeSpan.FromSeconds(10));
        if (exit != 0)
        {
            throw new InvalidOperationException($"the browser recorder failed ({exit}): {recorder.Output}");
        }
        HarText = File.ReadAllText(HarPath);

        // The browser closed its connections on exit; a moment for the last FIN/ACKs to be written.
        Thread.Sleep(300);
        tcpdump.Interrupt();
        tcpdump.WaitForExit(TimeSpan.FromSeconds(10));
        jsonServer.Kill();
        _network.Dispose();
        _network = null;
        return ReloadRevalidated(HarText);
    }

    /// <summary>Every request of the reload (the HAR's second page) was answered 304 Not Modified.</summary>
    private static bool ReloadRevalidated(string har)
    {
        using var document = JsonDocument.Parse(har);
        var reload = document.RootElement.GetProperty("log").GetProperty("entries").EnumerateArray()
            .Where(e => e.TryGetProperty("pageref", out var page) && page.GetString() == "page_2").ToArray();
        return reload.Length > 0 && reload.All(e => e.GetProperty("response").GetProperty("status").GetInt32() == 304);
    }

    private void Analyze()
    {
        var analyses = new Dictionary<(string, string), CliProcess.Result>();
        foreach (var (input, option, file) in new[] { ("har", "--har", HarPath), ("pcap", "--pcap", PcapPath) })
        {
            foreach (var format in Formats)
            {
                var result = CliProcess.Run("analyze", option, file, "--format", format, "--cluster-cidr", ClientNetwork);
                analyses[(input, format)] = result;
                if (format == "yaml")
                {
                    File.WriteAllText(ManifestPath(input), result.Stdout);
                }
            }
        }
        Analyses = analyses;
        PcapExchanges = CliProcess.Run("exchanges", "--pcap", PcapPath, "--format", "jsonl");
    }

    private ChildProcess Track(ChildProcess process)
    {
        _processes.Add(process);
        return process;
    }
}
