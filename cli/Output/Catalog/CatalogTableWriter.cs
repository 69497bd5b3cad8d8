using System.Globalization;
using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Cli.Output.Catalog;

/// <summary>
/// <c>analyze --format table</c>, what a person reads first: endpoints sorted by risk (highest first), coloured by
/// level on a terminal, then the findings and the spec operations no traffic used.
/// </summary>
internal static class CatalogTableWriter
{
    private const string Row = "{0,-13} {1,-7} {2,-24} {3,-40} {4,7} {5,-16} {6,-15} {7,-15} {8}";

    public static void Write(TextWriter output, CatalogSnapshot catalog, bool colour)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, Row, "RISK", "METHOD", "HOST", "PATH", "CALLS", "STATUS", "AUTH", "SPEC", "SENSITIVE"));
        foreach (var e in catalog.Endpoints)
        {
            var risk = e.Risk!;
            var line = string.Format(c, Row,
                $"{risk.Score,3} {risk.Level}", TerminalText.Cut(e.Key.Method, 7), TerminalText.Cut(e.Key.Host, 24), TerminalText.Cut(e.Key.PathTemplate, 40), e.Requests,
                TerminalText.Cut(string.Join(',', e.StatusCodes.OrderByDescending(kv => kv.Value).Take(3).Select(kv => kv.Key)), 16),
                TerminalText.Cut(Auth(e), 15), TerminalText.Cut(e.SpecState, 15),
                TerminalText.Cut(string.Join(',', e.Sensitive.Keys.Select(k => k.Type).Distinct()), 60));
            output.WriteLine(colour ? Colour(risk.Level, line) : line);
        }
        WriteMaskedSamples(output, catalog);
        if (catalog.Findings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("FINDINGS");
            foreach (var f in catalog.Findings)
            {
                output.WriteLine(string.Format(c, "{0,-8} {1,-20} {2,-15} {3}", f.Severity, f.Kind, TerminalText.Cut(f.Client, 39), TerminalText.Cut(f.Summary, 400)));
            }
        }
        if (catalog.ProbedPaths.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(string.Format(c, "PROBED PATHS (only ever 404): {0}", string.Join(", ",
                catalog.ProbedPaths.Take(20).Select(p => TerminalText.Cut($"{p.Key.Method} {p.Key.PathTemplate}", 80)))) +
                (catalog.ProbedPaths.Count > 20 ? string.Format(c, " … and {0} more", catalog.ProbedPaths.Count - 20) : ""));
        }
        if (catalog.UnusedSpecOperations.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("SPEC OPERATIONS NEVER SEEN");
            foreach (var (host, op) in catalog.UnusedSpecOperations)
            {
                output.WriteLine(string.Format(c, "{0,-7} {1}", TerminalText.Cut(op.Method, 7), TerminalText.Cut(host + op.PathTemplate, 120)));
            }
        }
    }

    /// <summary>
    /// Only when the sensor was told to include masked samples (<c>--masked-samples</c>): without it no endpoint
    /// has any, and the section is absent — the output is exactly what it was.
    /// </summary>
    private static void WriteMaskedSamples(TextWriter output, CatalogSnapshot catalog)
    {
        var rows = catalog.Endpoints
            .SelectMany(e => e.Sensitive.Keys.Select(k => (Endpoint: e, Key: k, Samples: e.MaskedSamplesOf(k))))
            .Where(r => r.Samples.Count > 0)
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }
        output.WriteLine();
        output.WriteLine("MASKED SAMPLES");
        foreach (var (e, key, samples) in rows)
        {
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-7} {1,-64} {2,-16} {3,-40} {4}",
                TerminalText.Cut(e.Key.Method, 7), TerminalText.Cut(e.Key.Host + e.Key.PathTemplate, 64), TerminalText.Cut(key.Type, 16),
                TerminalText.Cut(key.Location, 40), TerminalText.Cut(string.Join(", ", samples), 60)));
        }
    }

    private static string Auth(ApiEndpoint e)
    {
        var kinds = e.AuthKinds.OrderByDescending(kv => kv.Value).Select(kv => kv.Key).ToList();
        return kinds.Count == 1 ? kinds[0] : string.Join('+', kinds);
    }

    private static string Colour(string level, string text) => level switch
    {
        "critical" => $"\u001b[1;31m{text}\u001b[0m",
        "high" => $"\u001b[31m{text}\u001b[0m",
        "medium" => $"\u001b[33m{text}\u001b[0m",
        "low" => $"\u001b[32m{text}\u001b[0m",
        _ => text,
    };
}
