using System.Diagnostics;
using System.Globalization;
using ApiSentinel.Bench.Adversarial.Inputs;

namespace ApiSentinel.Cli.Tests.Adversarial.Resources;

/// <summary>
/// Runs the real CLI on one hostile input in a child process with a managed-heap cap
/// (<c>DOTNET_GCHeapHardLimit</c>) and a timeout, and measures its peak RSS with GNU time (wait4's ru_maxrss):
/// the resource harness of issue 6. The inputs come from bench/Adversarial, at small sizes.
/// </summary>
internal sealed class LimitedCliRun
{
    /// <summary>Managed heap cap of every run: far above what a bounded run needs, far below what the unbounded ones took.</summary>
    public const long HeapLimitBytes = 768L * 1024 * 1024;

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private LimitedCliRun(int exitCode, string stderr, long peakRssBytes, bool timedOut)
    {
        ExitCode = exitCode;
        Stderr = stderr;
        PeakRssBytes = peakRssBytes;
        TimedOut = timedOut;
    }

    public int ExitCode { get; }
    public string Stderr { get; }
    public long PeakRssBytes { get; }
    public bool TimedOut { get; }

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static LimitedCliRun Of(HostileInput input, int size, string command = CliCommands.Analyze, params string[] extra)
    {
        var dir = Directory.CreateTempSubdirectory($"apisentinel-{input.Name}-").FullName;
        try
        {
            var args = input.Write(dir, size);
            return Run([command, .. args, .. extra], dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static LimitedCliRun Run(IReadOnlyList<string> cliArgs, string dir)
    {
        var stats = Path.Combine(dir, "time.out");
        var info = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // timeout(1) inside time(1): the CLI is killed at the deadline by its own parent, which reaps it, so the
        // peak RSS of a killed run is still measured and no grandchild can outlive the test holding its pipes.
        var seconds = ((int)Timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        foreach (var a in (string[])["-f", "%M", "-o", stats, "timeout", "--foreground", "--signal=KILL", seconds, "dotnet", RepositoryPaths.Cli, .. cliArgs])
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["DOTNET_GCHeapHardLimit"] = "0x" + HeapLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout + TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
        stdout.Wait();
        // timeout(1) exits 137 when it had to kill the CLI.
        var timedOut = process.ExitCode == 137;
        var rssKb = File.Exists(stats) && long.TryParse(File.ReadLines(stats).LastOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
        return new LimitedCliRun(process.ExitCode, stderr.Result, rssKb * 1024, timedOut);
    }

    /// <summary>Exit 0, or a clear input error: one line, no trace, not an internal error; and peak RSS under the bound.</summary>
    public LimitedCliRun AssertCleanWithin(long maxPeakRssBytes, bool errorAllowed)
    {
        Assert.False(TimedOut, $"did not finish within {Timeout.TotalSeconds} s");
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("OutOfMemory", Stderr, StringComparison.Ordinal);
        if (ExitCode != 0)
        {
            Assert.True(errorAllowed, $"exit {ExitCode}: {Stderr}");
            Assert.Equal(ExitCodes.InputError, ExitCode);
            Assert.Single(StderrLines, l => !l.Contains("warning", StringComparison.Ordinal));
        }
        Assert.True(PeakRssBytes > 0, "peak RSS was not measured (is GNU time installed? scripts/setup.sh)");
        Assert.True(PeakRssBytes <= maxPeakRssBytes, $"peak RSS {PeakRssBytes / 1e6:N0} MB > {maxPeakRssBytes / 1e6:N0} MB");
        return this;
    }

    /// <summary>Exit code values of the CLI (mirrors cli/Commands/ExitCodes.cs, which is internal to the CLI).</summary>
    private static class ExitCodes
    {
        public const int InputError = 1;
    }
}
