using System.Globalization;

namespace ApiSentinel.Bench.IngestThroughput.Measure;

/// <summary>Another process's CPU time and memory from /proc (Linux), and the machine's load average.</summary>
internal static class ProcFs
{
    // USER_HZ: /proc/PID/stat reports times in clock ticks of 1/100 s on Linux (sysconf(_SC_CLK_TCK) = 100).
    private const double TicksPerSecond = 100;

    /// <summary>utime + stime of every thread of <paramref name="pid"/>, in seconds.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may hold spaces and parentheses): state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>VmRSS (now) and VmHWM (peak since start) of <paramref name="pid"/>, in MB (10⁶ bytes).</summary>
    public static (double RssMb, double PeakMb) Memory(int pid)
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024 / 1e6;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024 / 1e6;
            }
        }
        return (rss, peak);
    }

    /// <summary>The 1-minute load average.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
