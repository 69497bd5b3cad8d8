using Microsoft.OpenApi;

namespace ApiSentinel.Collector.Specs;

/// <summary>
/// Hosts and base paths from a document's servers (Swagger 2.0 host/basePath/schemes arrive here as servers too).
/// Server variables take their defaults. Ports are kept only when explicit and not the scheme default, so a spec
/// for <c>https://api.example.com</c> names host <c>api.example.com</c>.
/// </summary>
internal static class ServerLocations
{
    public static (IReadOnlyList<string> Hosts, IReadOnlyList<string> BasePaths) From(IList<OpenApiServer>? servers)
    {
        // Sets beside the lists: a crafted spec lists thousands of servers, and List.Contains made that quadratic.
        var hosts = new List<string>();
        var basePaths = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in servers ?? [])
        {
            if (string.IsNullOrWhiteSpace(server.Url))
            {
                continue;
            }

            var url = server.Url;
            foreach (var (name, variable) in server.Variables ?? new Dictionary<string, OpenApiServerVariable>())
            {
                url = url.Replace("{" + name + "}", variable.Default ?? "", StringComparison.Ordinal);
            }

            // Scheme-relative ("//api.example.com/v2", RFC 3986 §4.2): 1 in 200 public specs writes its server so;
            // read as a path it made every operation's base path "//api.example.com/v2".
            if (url.StartsWith("//", StringComparison.Ordinal))
            {
                url = "http:" + url;
            }

            string path;
            if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            {
                var host = absolute.IsDefaultPort ? absolute.Host : absolute.Host + ":" + absolute.Port;
                AddDistinct(hosts, seen, "h:", host.ToLowerInvariant());
                path = absolute.AbsolutePath;
            }
            else
            {
                // Relative server URL ("/v1"): base path only; the host comes from configuration.
                var queryStart = url.IndexOfAny(['?', '#']);
                path = queryStart < 0 ? url : url[..queryStart];
                if (!path.StartsWith('/'))
                {
                    path = "/" + path;
                }
            }

            AddDistinct(basePaths, seen, "p:", path.TrimEnd('/'));
        }

        if (basePaths.Count == 1 && basePaths[0].Length == 0)
        {
            basePaths.Clear();
        }

        return (hosts, basePaths);
    }

    private static void AddDistinct(List<string> list, HashSet<string> seen, string kind, string value)
    {
        if (seen.Add(kind + value))
        {
            list.Add(value);
        }
    }
}
