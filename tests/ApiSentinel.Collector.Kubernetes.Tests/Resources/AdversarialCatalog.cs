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
}
