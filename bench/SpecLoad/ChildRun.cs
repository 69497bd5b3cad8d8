using System.Diagnostics;
using System.Globalization;

namespace ApiSentinel.Bench.SpecLoad;

/// <summary>
/// One command in a child process under <c>/usr/bin/time -v</c> (peak RSS as the kernel counts it), with a
/// .NET heap hard limit (so a runaway allocation ends in OutOfMemoryException instead of taking the shared
/// machine's memory) and a wall-clock timeout (the process tree is killed).
/// </summary>
internal sealed record ChildRun(int? ExitCode, double WallSeconds, double CpuSeconds, long PeakRssKb, string FirstStderrLine, int StderrLines, bool TimedOut)
{
    public static ChildRun Start(IReadOnlyList<string> command, TimeSpan timeout, long heapLimitMb)
    {
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-v");
        foreach (var part in command)
        {
            start.ArgumentList.Add(part);
        }

        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + (heapLimitMb * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var timedOut = !process.WaitForExit(timeout);
        if (timedOut)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        stopwatch.Stop();
        var lines = stderr.Result.Split('\n');
        stdout.Wait();
        // time -v appends its report after the command's own stderr; its first line starts with a tab.
        var own = lines.TakeWhile(l => !l.StartsWith("\tCommand being timed:", StringComparison.Ordinal) && !l.StartsWith("Command ", StringComparison.Ordinal))
            .Where(l => l.Length > 0).ToArray();
        var rss = lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Maximum resident set size (kbytes):", StringComparison.Ordinal));
        var peak = rss is null ? 0 : long.Parse(rss[(rss.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture);
        double Seconds(string label) => lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal)) is { } line
            ? double.Parse(line[label.Length..].Trim(), CultureInfo.InvariantCulture)
            : 0;
        // CPU time as well as wall time: on a shared machine the wall clock measures the neighbours too.
        var cpu = Seconds("User time (seconds):") + Seconds("System time (seconds):");
        var exitLine = lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Exit status:", StringComparison.Ordinal));
        int? exit = timedOut ? null : exitLine is null ? process.ExitCode : int.Parse(exitLine["Exit status:".Length..].Trim(), CultureInfo.InvariantCulture);
        if (lines.Any(l => l.Contains("Command terminated by signal", StringComparison.Ordinal)))
        {
            exit = 128 + int.Parse(lines.First(l => l.Contains("Command terminated by signal", StringComparison.Ordinal)).Trim().Split(' ')[^1], CultureInfo.InvariantCulture);
        }

        return new ChildRun(exit, stopwatch.Elapsed.TotalSeconds, cpu, peak, own.FirstOrDefault() ?? "", own.Length, timedOut);
    }
}
