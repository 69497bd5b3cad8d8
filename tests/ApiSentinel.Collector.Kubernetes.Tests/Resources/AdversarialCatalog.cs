using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Kubernetes.Tests.Resources;

/// <summary>
/// One endpoint built to burst every bound of its resource: hundreds of distinct long header, parameter and field
/// names, sensitive data in hundreds of places with masked samples, many status codes and clients, a host that is
/// no label value. Its status, unbounded, would be far above 64 KiB.
/// </summary>
internal static class AdversarialCatalog
{
    public const string Host = "api.example.com:8443";

    public const int Calls = 300;

    /// <summary>Long enough that 64 of each list overflow 64 KiB together, short enough to stay whole (≤ 512).</summary>
    public static string Name(string kind, int i) => $"{kind}-{i:D4}-" + new string('x', 400);

    public static EndpointSnapshot Build()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        for (var i = 0; i < Calls; i++)
        {
            catalog.Ingest(new ApiCall
            {
                TimestampMicros = 1_764_000_000_000_000 + i * 1_000L,
                ClientAddress = $"198.51.100.{1 + i % 200}",
                Server = "192.0.2.10:8443",
                Host = Host,
                Method = "POST",
                Path = "/orders",
                Status = 200 + i % 100,
                Transport = Transport.Plaintext,
                Query = [new FieldObservation(Name("q", i), "string")],
                RequestHeaders = ["host", Name("x-request", i)],
                ResponseHeaders = [Name("x-response", i)],
                RequestFields = [new FieldObservation("$." + Name("in", i), "integer")],
                ResponseFields = [new FieldObservation("$." + Name("out", i), "string")],
                RequestContentType = $"application/vnd.example.v{i % 40}+json",
                ResponseContentType = "application/json",
                Auth = AuthKinds.Bearer,
                AuthLocation = "header:authorization",
                CredentialFingerprint = $"fp{i}",
                Sensitive = [new SensitiveObservation(SensitiveTypes.Email, "response.body.$." + Name("mail", i), 1, $"a{i}***@example.com"),
                             new SensitiveObservation(SensitiveTypes.CreditCard, "response.body.$.card", 1, $"4111******{i:D4}")],
            });
        }
        return Assert.Single(catalog.Build().Endpoints);
    }

    /// <summary>
    /// What gRPC and HAR may carry and no ApiEndpoint accepts as is: methods that are no token or too long, calls
    /// naming no host, status codes outside 100..999, a path template far past any sane length.
    /// </summary>
    public static IReadOnlyList<EndpointSnapshot> WireValues()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        var calls = new List<(string Host, string Method, string Path, int? Status)>
        {
            ("api.example.com", "GET / HTTP/1.1", "/a", 200),
            ("api.example.com", "GETÜ", "/a", 200),
            ("api.example.com", new string('M', 25), "/a", 200),
            ("api.example.com", "", "/a", 200),
            ("", "GET", "/b", 200),
            ("api.example.com", "GET", "/c", 0),
            ("api.example.com", "GET", "/c", 1000),
            ("api.example.com", "GET", "/c", -1),
            ("api.example.com", "GET", "/c", int.MaxValue),
            ("api.example.com", "GET", "/long/" + new string('ü', 5000), 200),
            ("h" + new string('ü', 5000), "GET", "/d", 200),
        };
        for (var i = 0; i < calls.Count; i++)
        {
            var (host, method, path, status) = calls[i];
            catalog.Ingest(new ApiCall
            {
                TimestampMicros = 1_764_000_000_000_000 + i, ClientAddress = "198.51.100.7", Server = "192.0.2.10:443",
                Host = host, Method = method, Path = path, Status = status,
            });
        }
        return catalog.Build().Endpoints;
    }

    /// <summary>
    /// An endpoint whose texts no list holds are long: 40 custom sensitive types of ~400 'ü' each (2 bytes apiece) make
    /// the sensitive summary and the risk factors' evidence long, whatever the lists keep.
    /// </summary>
    public static EndpointSnapshot LongUncutTexts()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        var sensitive = Enumerable.Range(0, 40)
            .Select(i => new SensitiveObservation($"t{i:D2}" + new string('ü', 400), $"response.body.$.f{i:D2}" + new string('ü', 400), 1)).ToList();
        catalog.Ingest(new ApiCall
        {
            TimestampMicros = 1_764_000_000_000_000, ClientAddress = "198.51.100.7", Server = "192.0.2.10:80",
            Host = "api.example.com", Method = "GET", Path = "/profile", Status = 200, Transport = Transport.Plaintext,
            Auth = AuthKinds.None, Sensitive = sensitive,
        });
        return Assert.Single(catalog.Build().Endpoints);
    }
}
