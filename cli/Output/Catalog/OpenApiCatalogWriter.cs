using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Contract;

namespace ApiSentinel.Cli.Output.Catalog;

/// <summary><c>analyze --format openapi</c>: an OpenAPI 3 document reconstructed from traffic (what the APIs really are).</summary>
internal static class OpenApiCatalogWriter
{
    public static void Write(TextWriter output, CatalogSnapshot catalog)
    {
        // Overflow buckets stand for many endpoints past a bound: no operation to describe.
        var endpoints = catalog.Endpoints.Where(e => !e.IsOverflow).Select(e => new ReconstructedEndpoint(
            e.Key.Host, e.Key.Method, e.Key.PathTemplate, e.Shape(),
            e.RequestContentTypes.OrderByDescending(kv => kv.Value).Select(kv => kv.Key).FirstOrDefault(),
            e.ResponseContentTypes.OrderByDescending(kv => kv.Value).Select(kv => kv.Key).FirstOrDefault(),
            Authenticated: e.AuthKinds.Keys.Any(k => k != AuthKinds.None))
        {
            PathParameterClasses = e.Template.Parameters.GroupBy(p => p.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().ValueClass, StringComparer.Ordinal),
        });
        output.WriteLine(OpenApiReconstructor.ToJson(endpoints, "APIs observed by ApiSentinel"));
    }
}
