using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Tests.Capture;

/// <summary>Files that cannot be read at all: one clear line naming the file.</summary>
public sealed class CaptureFileErrorTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Missing_file()
    {
        string path = _directory.File("nope.pcap");
        var error = Assert.Throws<CaptureException>(() => CaptureFileSource.Open(path));
        Assert.Equal($"{path}: no such file", error.Message);
    }

    [Fact]
    public void Directory_instead_of_a_file()
    {
        var error = Assert.Throws<CaptureException>(() => CaptureFileSource.Open(_directory.Path));
        Assert.Equal($"{_directory.Path}: is a directory, not a capture file", error.Message);
    }

    [Fact]
    public void Empty_file()
    {
        string path = _directory.File("empty.pcap");
        File.WriteAllBytes(path, []);
        var error = Assert.Throws<CaptureException>(() => CaptureFileSource.Open(path));
        Assert.Equal($"{path}: empty file (not a pcap or pcapng capture)", error.Message);
    }

    [Fact]
    public void Wrong_magic_is_shown_in_hex()
    {
        string path = _directory.File("http.txt");
        File.WriteAllText(path, "GET / HTTP/1.1\r\nHost: example\r\n\r\n");
        var error = Assert.Throws<CaptureException>(() => CaptureFileSource.Open(path));
        Assert.Equal($"{path}: not a pcap or pcapng file (magic 0x47455420)", error.Message);
    }

    [Fact]
    public void Truncated_pcap_file_header()
    {
        string path = _directory.File("short.pcap");
        File.WriteAllBytes(path, [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0]);
        var error = Assert.Throws<CaptureException>(() => CaptureFileSource.Open(path));
        Assert.Equal($"{path}: truncated pcap file header (10 of 24 bytes)", error.Message);
    }

    [Fact]
    public void Fewer_bytes_than_a_magic_number()
    {
        string path = _directory.File("tiny.pcap");
        File.WriteAllBytes(path, [0xD4, 0xC3]);
        var error = Assert.Throws<CaptureException>(() => CaptureFileSource.Open(path));
        Assert.StartsWith($"{path}: truncated file header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_pcapng_section_header()
    {
        string path = _directory.File("short.pcapng");
        File.WriteAllBytes(path, [0x0A, 0x0D, 0x0D, 0x0A, 28, 0, 0, 0, 0x4D, 0x3C]);
        var error = Assert.Throws<CaptureException>(() => CaptureFileSource.Open(path));
        Assert.Equal($"{path}: truncated pcapng section header (10 of 28 bytes)", error.Message);
    }

    [Fact]
    public void Unsupported_link_type_names_the_number_and_the_supported_ones()
    {
        string path = _directory.File("wifi.pcap");
        using (new PcapWriter(File.Create(path), linkType: 105))
        {
        }
        var error = Assert.Throws<CaptureException>(() => CaptureFileSource.Open(path));
        Assert.StartsWith($"{path}: unsupported link type 105 (IEEE 802.11; supported: Null (0), Ethernet (1),", error.Message, StringComparison.Ordinal);
        Assert.Contains("LinuxSll2 (276)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
