using System.Globalization;

namespace ApiSentinel.Bench.SpecLoad;

/// <summary>
/// Generates each hostile class (bench/data/specload/, gitignored) and runs <c>apisentinel analyze --spec</c> on
/// it in a child process; prints a Markdown table of exit code, peak RSS, wall time and the first stderr line.
/// Run it once with the current CLI and once with a build of an older commit for before/after figures.
/// </summary>
internal static class HostileRun
{
    public static int Run(string cli, string pcap, TimeSpan timeout, long heapLimitMb, string? only, string data)
    {
        Directory.CreateDirectory(data);
        Console.WriteLine($"cli: {cli}; heap limit {heapLimitMb} MB; timeout {timeout.TotalSeconds:0} s");
        Console.WriteLine();
        Console.WriteLine("| case | item | spec size | exit | peak RSS | CPU | wall | stderr (first line, lines) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var (name, item, extension, generate) in HostileCases.All)
        {
            if (only is not null && !name.Contains(only, StringComparison.Ordinal))
            {
                continue;
            }

            var path = Path.Combine(data, name + "." + extension);
            if (!File.Exists(path))
            {
                File.WriteAllText(path, generate());
            }

            var run = ChildRun.Start(["dotnet", cli, "analyze", "--pcap", pcap, "--spec", path, "--format", "json", "--quiet"], timeout, heapLimitMb);
            var size = new FileInfo(path).Length;
            var first = run.FirstStderrLine.Length > 110 ? run.FirstStderrLine[..110] + "…" : run.FirstStderrLine;
            first = string.Concat(first.Select(c => char.IsControl(c) ? '?' : c)).Replace("|", "\\|", StringComparison.Ordinal);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {item} | {Size(size)} | {(run.TimedOut ? "timeout" : run.ExitCode?.ToString(CultureInfo.InvariantCulture))} | {run.PeakRssKb / 1024.0:0} MB | {run.CpuSeconds:0.0} s | {run.WallSeconds:0.0} s | {first} ({run.StderrLines}) |"));
        }

        return 0;
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB");
}
