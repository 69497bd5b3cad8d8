namespace ApiSentinel.Cli.Tests;

/// <summary>Bad input gets one clear line on stderr and a non-zero exit; never a stack trace (DESIGN.md).</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apisentinel-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertOneCleanLine(CliProcess.Result result, int exitCode, string expectedFragment)
    {
        Assert.Equal(exitCode, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("apisentinel: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expectedFragment, lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file()
    {
        AssertOneCleanLine(CliProcess.Run("exchanges", "--pcap", Path.Combine(_dir, "nope.pcap")), 1, "nope.pcap");
    }

    [Fact]
    public void Not_a_capture_file()
    {
        var path = Path.Combine(_dir, "notes.pcap");
        File.WriteAllText(path, "this is not a capture file at all\n");
        AssertOneCleanLine(CliProcess.Run("exchanges", "--pcap", path), 1, "notes.pcap");
    }

    [Fact]
    public void Empty_file()
    {
        var path = Path.Combine(_dir, "empty.pcap");
        File.WriteAllBytes(path, []);
        AssertOneCleanLine(CliProcess.Run("exchanges", "--pcap", path), 1, "empty.pcap");
    }

    [Fact]
    public void Unknown_link_type()
    {
        var path = Path.Combine(_dir, "linktype.pcap");
        var header = new byte[24];
        BitConverter.GetBytes(0xa1b2c3d4u).CopyTo(header, 0);
        BitConverter.GetBytes((ushort)2).CopyTo(header, 4);
        BitConverter.GetBytes((ushort)4).CopyTo(header, 6);
        BitConverter.GetBytes(262144).CopyTo(header, 16);
        BitConverter.GetBytes(147).CopyTo(header, 20); // LINKTYPE_USER0
        File.WriteAllBytes(path, header);
        AssertOneCleanLine(CliProcess.Run("exchanges", "--pcap", path), 1, "147");
    }

    [Fact]
    public void Truncated_capture_keeps_every_exchange_before_the_cut_then_fails()
    {
        var demo = File.ReadAllBytes(Path.Combine(RepositoryPaths.Samples, "demo.pcap"));
        var path = Path.Combine(_dir, "cut.pcap");
        File.WriteAllBytes(path, demo[..(demo.Length - 30)]); // inside the last record
        var result = CliProcess.Run("exchanges", "--pcap", path, "--quiet");
        AssertOneCleanLine(result, 1, "truncated");
        Assert.Equal(21, result.StdoutLines.Length);
    }

    [Theory]
    [InlineData("exchanges")]
    [InlineData("exchanges", "--pcap")]
    [InlineData("exchanges", "--pcap", "x.pcap", "--format", "xml")]
    [InlineData("exchanges", "--bogus", "1")]
    [InlineData("frobnicate")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var result = CliProcess.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
