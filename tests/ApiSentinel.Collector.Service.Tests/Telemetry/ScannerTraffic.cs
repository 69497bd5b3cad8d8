using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Service.Tests.Telemetry;

/// <summary>
/// A real catalog fed real calls: a client whose User-Agent names sqlmap (a scanner finding from its first call)
/// and an ordinary client, so snapshots carry endpoints and one finding whose evidence grows as the scan goes on.
/// </summary>
internal sealed class ScannerTraffic
{
    public const string Sensor = "sensor-a";
    public const string Scanner = "198.51.100.7";
    public const string Client = "192.0.2.20";
    public const string Host = "shop.test";
    private const long Epoch = 1_700_000_000L * 1_000_000;

    private readonly ApiCatalog _catalog = new(new CatalogOptions());
    private int _scans;
    private int _assets;

    /// <summary>Ordinary traffic to two endpoints.</summary>
    public ScannerTraffic Ordinary(int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            _catalog.Ingest(Call(Client, i, i % 2 == 0 ? "/api/orders" : "/api/cart", 200, tool: null));
        }

        return this;
    }

    /// <summary>More sqlmap requests, to paths that answer 404.</summary>
    public ScannerTraffic Scan(int calls)
    {
        for (var i = 0; i < calls; i++, _scans++)
        {
            _catalog.Ingest(Call(Scanner, 100 + _scans, "/admin/probe" + _scans, 404, tool: "sqlmap"));
        }

        return this;
    }

    /// <summary>A sqlmap request stamped <paramref name="seconds"/> in, arriving now: late, when it is before the scan so far.</summary>
    public ScannerTraffic LateScan(double seconds)
    {
        _catalog.Ingest(Call(Scanner, seconds, "/admin/late" + _scans++, 404, tool: "sqlmap"));
        return this;
    }

    /// <summary>
    /// A script download in which the sensor detected <paramref name="type"/> (a content finding, no client). The call
    /// carries what a sensor may let out about a secret — a masked sample, a credential fingerprint — which must stay
    /// in the catalog.
    /// </summary>
    public ScannerTraffic Asset(string path, string type, string maskedSample, string credentialFingerprint)
    {
        _catalog.Ingest(new ApiCall
        {
            TimestampMicros = Epoch + (50 + _assets++) * 1_000_000L,
            Source = Sensor,
            ClientAddress = Client,
            Server = "192.0.2.10:80",
            Host = Host,
            Method = "GET",
            Path = path,
            Status = 200,
            Transport = Transport.Plaintext,
            ResponseContentType = "application/javascript",
            Sensitive = [new SensitiveObservation(type, "response.body", 1, maskedSample)],
            Auth = AuthKinds.Bearer,
            AuthLocation = "header:authorization",
            CredentialFingerprint = credentialFingerprint,
        });
        return this;
    }

    public CatalogSnapshot Build() => _catalog.Build();

    private static ApiCall Call(string client, double seconds, string path, int status, string? tool) => new()
    {
        TimestampMicros = Epoch + (long)(seconds * 1_000_000),
        Source = Sensor,
        ClientAddress = client,
        Server = "192.0.2.10:80",
        Host = Host,
        Method = "GET",
        Path = path,
        Status = status,
        UserAgent = tool,
        ClientTool = tool,
        Transport = Transport.Plaintext,
    };
}
