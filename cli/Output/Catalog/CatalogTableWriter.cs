using System.Globalization;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Contract;

namespace ApiSentinel.Cli.Output.Catalog;

/// <summary>
/// <c>analyze --format table</c>, what a person reads first: endpoints sorted by risk (highest first), coloured by
/// level on a terminal, then the findings and the spec operations no traffic used.
/// </summary>
internal static class CatalogTableWriter
{
    private const string Row = "{0,-13} {1,-7} {2,-22} {3,-36} {4,7} {5,-11} {6,-18} {7,-14} {8,-28} {9}";
    private const string AssetRow = "{0,-13} {1,-7} {2,-22} {3,-36} {4,7} {5,-24} {6}";

    public static void Write(TextWriter output, CatalogSnapshot catalog, bool colour)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, Row, "RISK", "METHOD", "HOST", "PATH", "CALLS", "STATUS", "AUTH", "SPEC", "SENSITIVE", "WHY"));
        foreach (var e in catalog.Endpoints)
        {
            var risk = e.Risk!;
            var line = string.Format(c, Row,
                $"{risk.Score,3} {risk.Level}", TerminalText.Cut(e.Key.Method, 7), TerminalText.Cut(e.Key.Host, 22), TerminalText.Cut(e.Key.PathTemplate, 36), e.Requests,
                TerminalText.Cut(string.Join(',', e.StatusCodes.OrderByDescending(kv => kv.Value).Take(3).Select(kv => kv.Key)), 11),
                TerminalText.Cut(Auth(e), 18), e.SpecState, TerminalText.Cut(Sensitive(e), 28), TerminalText.Cut(Why(e), 48));
            output.WriteLine(colour ? Colour(risk.Level, line) : line);
        }
        WriteMaskedSamples(output, catalog);
        if (catalog.StaticAssets.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("STATIC ASSETS (pages, scripts, styles, images, fonts: listed apart, not ranked with the APIs; still scanned)");
            output.WriteLine(string.Format(c, AssetRow, "RISK", "METHOD", "HOST", "PATH", "CALLS", "TYPE", "SENSITIVE"));
            foreach (var e in catalog.StaticAssets)
            {
                var risk = e.Risk!;
                var line = string.Format(c, AssetRow,
                    $"{risk.Score,3} {risk.Level}", TerminalText.Cut(e.Key.Method, 7), TerminalText.Cut(e.Key.Host, 22), TerminalText.Cut(e.Key.PathTemplate, 36), e.Requests,
                    TerminalText.Cut(e.ResponseContentTypes.OrderByDescending(kv => kv.Value).Select(kv => kv.Key).FirstOrDefault(), 24),
                    TerminalText.Cut(Sensitive(e), 40));
                output.WriteLine(colour ? Colour(risk.Level, line) : line);
            }
        }
        if (catalog.Findings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("FINDINGS");
            foreach (var f in catalog.Findings)
            {
                output.WriteLine(string.Format(c, "{0,-8} {1,-22} {2,-15} {3}", f.Severity, f.Kind, TerminalText.Cut(f.Client, 39), TerminalText.Cut(f.Summary, 400)));
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

    /// <summary>Credential kinds, most used first; a JWT shows its algorithms (<c>jwt(none,RS256)</c>), the first thing to check.</summary>
    private static string Auth(EndpointSnapshot e)
    {
        var kinds = e.AuthKinds.OrderByDescending(kv => kv.Value).Select(kv => kv.Key)
            .Select(k => k == AuthKinds.Jwt && e.JwtAlgorithms.Count > 0 ? $"jwt({string.Join(',', e.JwtAlgorithms)})" : k);
        return string.Join('+', kinds);
    }

    /// <summary>
    /// Types by direction — what the endpoint returns (<c>out:</c>) before what it receives (<c>in:</c>) — worst
    /// type first, so a cut column still shows what matters.
    /// </summary>
    private static string Sensitive(EndpointSnapshot e)
    {
        var places = e.Sensitive.Keys.ToList();
        List<string> Types(bool request) => places.Where(p => p.Location.StartsWith("request", StringComparison.Ordinal) == request)
            .Select(p => p.Type).Distinct().OrderByDescending(RiskModel.SensitiveTypeSeverity).ThenBy(t => t, StringComparer.Ordinal).ToList();
        var returned = Types(request: false);
        var received = Types(request: true);
        var parts = new List<string>(2);
        if (returned.Count > 0)
        {
            parts.Add("out:" + string.Join(',', returned));
        }
        if (received.Count > 0)
        {
            parts.Add("in:" + string.Join(',', received));
        }
        return string.Join(' ', parts);
    }

    /// <summary>The one or two factors that scored most, in a few words each.</summary>
    private static string Why(EndpointSnapshot e) => string.Join("; ", e.Risk!.Leading(2).Select(f => f.Summary).Where(s => s.Length > 0));

    private static string Colour(string level, string text) => level switch
    {
        RiskLevels.Critical => $"\u001b[1;31m{text}\u001b[0m",
        RiskLevels.High => $"\u001b[31m{text}\u001b[0m",
        RiskLevels.Medium => $"\u001b[33m{text}\u001b[0m",
        RiskLevels.Low => $"\u001b[32m{text}\u001b[0m",
        _ => text,
    };
}
