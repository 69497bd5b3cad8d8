using System.Runtime.InteropServices;

namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// A descriptor the capture loop polls beside libpcap's, signalled when the capture is asked to stop, so a stop
/// wakes the loop at once instead of at its next clock tick. On Linux an <c>eventfd</c>; elsewhere there is none
/// (<see cref="Descriptor"/> is -1) and a stop is noticed at the next packet, tick or read timeout, as before.
/// </summary>
/// <remarks>
/// libpcap's own <c>pcap_breakloop</c> wakes only a poll that libpcap itself is in; the non-blocking loop polls the
/// capture descriptor itself (for its ticks), so it needs its own wake-up. Prompt matters for more than latency: the
/// stop drains what the kernel still holds (<see cref="LiveCaptureSource.Run"/>), and it should start from a known
/// point, not from whichever of tick or block retirement happens to come first.
/// </remarks>
internal sealed partial class CaptureWakeup : IDisposable
{
    private const int NonBlockingCloseOnExec = 0x800 | 0x80000; // EFD_NONBLOCK | EFD_CLOEXEC

    private int _descriptor;

    public CaptureWakeup()
    {
        _descriptor = OperatingSystem.IsLinux() ? EventFd(0, NonBlockingCloseOnExec) : -1;
    }

    /// <summary>The descriptor to poll for readability, or -1 when this platform has none.</summary>
    public int Descriptor => _descriptor;

    /// <summary>Makes <see cref="Descriptor"/> readable (and it stays so: a stop is not undone).</summary>
    public unsafe void Signal()
    {
        int descriptor = Volatile.Read(ref _descriptor);
        if (descriptor < 0)
        {
            return;
        }
        ulong one = 1;
        // A full counter (2^64 - 2 signals) or a closed descriptor cannot happen here; either way the stop is still
        // noticed at the next tick.
        _ = Write(descriptor, &one, sizeof(ulong));
    }

    public void Dispose()
    {
        int descriptor = Interlocked.Exchange(ref _descriptor, -1);
        if (descriptor >= 0)
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "eventfd")]
    private static partial int EventFd(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "write")]
    private static unsafe partial nint Write(int descriptor, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
