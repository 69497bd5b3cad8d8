using System.Runtime.InteropServices;

namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// Waits, with a timeout, until a non-blocking libpcap handle has a packet: <c>poll()</c> on the descriptor
/// <c>pcap_get_selectable_fd</c> gives (Linux, macOS, BSD). This is what lets a live capture tick on a quiet link:
/// in immediate mode on Linux a blocking <c>pcap_next_ex</c> waits for the next packet however long it takes,
/// whatever the read timeout. SharpPcap does not expose the descriptor, so the two functions are resolved here.
/// </summary>
internal static unsafe partial class LibpcapReadiness
{
    private const short PollIn = 0x001;
    private const int Interrupted = 4; // EINTR on Linux, macOS and the BSDs

    private static readonly string[] LibraryNames = ["libpcap.so.1", "libpcap.so.0.8", "libpcap.so", "libpcap.dylib"];

    private static readonly delegate* unmanaged<IntPtr, int> GetSelectableFd = Resolve();

    /// <summary>The descriptor to poll for <paramref name="pcapHandle"/>, or -1 when there is none (Windows, old libpcap).</summary>
    public static int SelectableDescriptor(SafeHandle pcapHandle)
    {
        if (GetSelectableFd == null || OperatingSystem.IsWindows())
        {
            return -1;
        }
        bool added = false;
        try
        {
            pcapHandle.DangerousAddRef(ref added);
            return GetSelectableFd(pcapHandle.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                pcapHandle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Blocks until <paramref name="descriptor"/> or <paramref name="wakeDescriptor"/> (-1: none) is readable, or
    /// <paramref name="timeoutMilliseconds"/> pass. True when either is readable.
    /// </summary>
    public static bool WaitReadable(int descriptor, int wakeDescriptor, int timeoutMilliseconds)
    {
        var entries = stackalloc PollDescriptor[2];
        entries[0] = new PollDescriptor { Descriptor = descriptor, Events = PollIn };
        entries[1] = new PollDescriptor { Descriptor = wakeDescriptor, Events = PollIn };
        int ready = Poll(entries, wakeDescriptor >= 0 ? 2u : 1u, timeoutMilliseconds);
        if (ready >= 0)
        {
            return ready > 0;
        }
        if (Marshal.GetLastPInvokeError() == Interrupted)
        {
            return true; // a signal: let pcap_next_ex answer
        }
        // Any other poll failure: wait the timeout out instead, so a persistent error cannot spin a core.
        Thread.Sleep(timeoutMilliseconds);
        return false;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    private static delegate* unmanaged<IntPtr, int> Resolve()
    {
        foreach (string name in LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out IntPtr library) && NativeLibrary.TryGetExport(library, "pcap_get_selectable_fd", out IntPtr function))
            {
                return (delegate* unmanaged<IntPtr, int>)function;
            }
        }
        return null;
    }
}
