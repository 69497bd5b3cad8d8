using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ApiSentinel.Bench.IngestThroughput.Measure;

/// <summary>
/// CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), as in
/// bench/CatalogThroughput: the reference loops run on one thread with workstation non-concurrent GC, so their
/// collections are charged here, the JIT's background compiles are not. Falls back to the process's CPU time.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    private static readonly bool Available = Probe();

    public static double Seconds()
    {
        if (Available && ClockGetTime(ClockThreadCpuTimeId, out var now) == 0)
        {
            return now.Seconds + now.Nanoseconds * 1e-9;
        }
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static bool Probe()
    {
        try
        {
            return OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
