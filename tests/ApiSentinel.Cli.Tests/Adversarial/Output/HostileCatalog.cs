using ApiSentinel.Cli.Output.Catalog;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;
using ApiSentinel.Collector.Reports;

namespace ApiSentinel.Cli.Tests.Adversarial.Output;

/// <summary>A catalog built from calls whose every wire-derived string is hostile text: host, method, path, names, content types, user agent.</summary>
internal static class HostileCatalog
{
    public static CatalogSnapshot Build(int seed, int calls = 40)
    {
        var text = new HostileText(seed);
        var catalog = new ApiCatalog(new CatalogOptions());
        for (var i = 0; i < calls; i++)
        {
            catalog.Ingest(new ApiCall
            {
                TimestampMicros = 1_764_000_000_000_000 + i,
                ClientAddress = "192.0.2." + (1 + i % 50),
                Server = "198.51.100.20:80",
                Host = text.Next(4),
                Method = text.Next(2),
                Path = "/" + text.Next(3) + "/" + text.Next(2),
                Status = 200,
                Query = [new FieldObservation(text.Next(2), "string")],
                RequestHeaders = ["host", text.Next(2)],
                ResponseHeaders = [text.Next(2)],
                RequestFields = [new FieldObservation("$." + text.Next(2), "string")],
                ResponseFields = [new FieldObservation("$." + text.Next(2), "integer")],
                RequestContentType = text.Next(2),
                ResponseContentType = text.Next(2),
                AuthLocation = "header:" + text.Next(1),
                UserAgent = text.Next(2),
                Sensitive = [new SensitiveObservation("email", "response.body.$." + text.Next(2), 1, text.Next(2))],
            });
        }
        return catalog.Build();
    }

    public static ClientDirectory Clients() => new(new ExposureClassifier(), null);
}
