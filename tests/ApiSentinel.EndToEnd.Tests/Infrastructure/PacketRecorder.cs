namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// tcpdump writing a capture file, packet-buffered (<c>-U</c>) and in immediate mode, so the file holds every
/// packet as soon as it is seen; <see cref="Stop"/> ends it with SIGINT, which flushes and closes the file.
/// The privacy sweep uses it twice: on the veth (the positive control: the planted values ARE in the traffic)
/// and on loopback at the collector's gRPC port (the sensor→collector bytes, searched raw: h2c is not
/// encrypted, and neither HPACK literals nor protobuf transform string values).
/// </summary>
internal sealed class PacketRecorder : IDisposable
{
    private readonly ServiceProcess _process;
    private bool _stopped;

    private PacketRecorder(string path, ServiceProcess process)
    {
        Path = path;
        _process = process;
    }

    public string Path { get; }

    public static PacketRecorder Start(string networkInterface, string filter, string path)
    {
        var process = ServiceProcess.Start($"tcpdump -i {networkInterface}", "tcpdump",
            ["-i", networkInterface, "-U", "--immediate-mode", "-s", "0", "-n", "-w", path, filter]);
        var recorder = new PacketRecorder(path, process);
        if (!process.WaitForOutput("listening on", TimeSpan.FromSeconds(30)))
        {
            recorder.Dispose();
            throw new InvalidOperationException($"tcpdump did not start\n{process.Describe()}");
        }
        return recorder;
    }

    /// <summary>Stops the capture (flushing it) and returns the file's bytes.</summary>
    public byte[] Stop()
    {
        if (!_stopped)
        {
            _stopped = true;
            _process.Signal("INT");
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        return File.ReadAllBytes(Path);
    }

    public void Dispose() => _process.Dispose();
}
