using System.Diagnostics;
using System.Text.Json;

namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>Runs <c>apisentinel analyze</c> on one traffic file and reads its endpoints and probed paths. The
/// output is kept (<paramref name="savePath"/>) so a scoring change can be re-measured on the same catalog
/// (<c>--reuse-catalogs</c>) without analysing again.</summary>
internal static class CatalogRunner
{
    public static (IReadOnlyList<CatalogEndpoint> Endpoints, TimeSpan Elapsed) Run(string cliCommand, string inputOption, string inputFile, IEnumerable<string> specs,
        string savePath, bool reuse)
    {
        if (reuse && File.Exists(savePath))
        {
            return (Parse(File.ReadAllText(savePath)), TimeSpan.Zero);
        }
        var words = cliCommand.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(words[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var word in words.Skip(1))
        {
            start.ArgumentList.Add(word);
        }
        foreach (var argument in (string[])["analyze", inputOption, inputFile, "--format", "json", "--quiet"])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var spec in specs)
        {
            start.ArgumentList.Add("--spec");
            start.ArgumentList.Add(spec);
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + words[0]);
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"analyze {inputOption} exited with {process.ExitCode}: {errors.Result}");
        }
        File.WriteAllText(savePath, output);
        return (Parse(output), clock.Elapsed);
    }

    private static List<CatalogEndpoint> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = new List<CatalogEndpoint>();
        foreach (var endpoint in document.RootElement.GetProperty("endpoints").EnumerateArray())
        {
            var sensitive = endpoint.TryGetProperty("sensitiveData", out var data)
                ? data.EnumerateArray().Select(d => (d.GetProperty("type").GetString()!, d.GetProperty("location").GetString()!)).ToList()
                : [];
            result.Add(new CatalogEndpoint(
                endpoint.GetProperty("host").GetString()!,
                endpoint.GetProperty("method").GetString()!,
                endpoint.GetProperty("path").GetString()!,
                endpoint.GetProperty("requests").GetInt64(),
                endpoint.GetProperty("shadow").GetBoolean(),
                Probed: false,
                sensitive));
        }
        if (document.RootElement.TryGetProperty("probedPaths", out var probed))
        {
            foreach (var path in probed.EnumerateArray())
            {
                result.Add(new CatalogEndpoint(
                    path.GetProperty("host").GetString()!,
                    path.GetProperty("method").GetString()!,
                    path.GetProperty("path").GetString()!,
                    path.GetProperty("requests").GetInt64(),
                    Shadow: false,
                    Probed: true,
                    []));
            }
        }
        return result;
    }
}
