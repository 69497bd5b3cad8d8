using System.Runtime.InteropServices;

namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// Calls libpcap's <c>pcap_breakloop</c>, which SharpPcap only uses for its own background capture thread.
/// On Linux with immediate mode, <c>pcap_next_ex</c> waits in poll() with no timeout, so a cancellation token
/// alone would not be noticed until the next packet; since libpcap 1.10, <c>pcap_breakloop</c> wakes that poll
/// (through an eventfd) and <c>pcap_next_ex</c> returns -2. With an older libpcap it only sets a flag, checked
/// at the next packet.
/// </summary>
internal static unsafe class LibpcapBreakLoop
{
    // The names SharpPcap's own resolver would find on Linux, macOS and Windows (Npcap).
    private static readonly string[] LibraryNames = ["libpcap.so.1", "libpcap.so.0.8", "libpcap.so", "libpcap.dylib", "wpcap"];

    private static readonly delegate* unmanaged<IntPtr, void> BreakLoop = Resolve();

    /// <summary>False when the function could not be found; callers then rely on packets arriving.</summary>
    public static bool IsAvailable => BreakLoop != null;

    public static void Invoke(SafeHandle pcapHandle)
    {
        if (BreakLoop == null)
        {
            return;
        }
        bool added = false;
        try
        {
            pcapHandle.DangerousAddRef(ref added);
            BreakLoop(pcapHandle.DangerousGetHandle());
        }
        catch (ObjectDisposedException)
        {
            // The device was closed meanwhile: nothing left to wake.
        }
        finally
        {
            if (added)
            {
                pcapHandle.DangerousRelease();
            }
        }
    }

    private static delegate* unmanaged<IntPtr, void> Resolve()
    {
        foreach (string name in LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out IntPtr library) && NativeLibrary.TryGetExport(library, "pcap_breakloop", out IntPtr function))
            {
                return (delegate* unmanaged<IntPtr, void>)function;
            }
        }
        return null;
    }
}
