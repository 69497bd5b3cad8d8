using System.Net;
using System.Net.Sockets;
using ApiSentinel.Collector.Service.Tests.Infrastructure;

namespace ApiSentinel.Collector.Service.Tests.Startup;

/// <summary>Expected failures at start, from the real process: one line on stderr, the documented exit code, no stack trace.</summary>
public sealed class StartupErrorTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("apisentinel-startup-");

    [Fact]
    public async Task A_port_in_use()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var collector = CollectorProcess.Start(_directory.FullName, grpcPort: port);
        await AssertOneLineAsync(collector, 1, "address already in use");
    }

    [Fact]
    public async Task An_address_that_is_not_local()
    {
        // 192.0.2.0/24 (TEST-NET-1) is on no interface here: EADDRNOTAVAIL, a SocketException Kestrel does not wrap.
        await using var notLocal = CollectorProcess.StartRaw(
        [
            "--grpc-listen", "192.0.2.123:1", "--http-listen", $"127.0.0.1:{FreePort.Next()}",
            "--token-file", TokenFile(), "--state-dir", Path.Combine(_directory.FullName, "state"),
        ]);
        await AssertOneLineAsync(notLocal, 1, "192.0.2.123:1");
    }

    [Fact]
    public async Task An_unreadable_token_file()
    {
        var missing = Path.Combine(_directory.FullName, "no-such-token");
        await using var collector = CollectorProcess.Start(_directory.FullName, ["--token-file", missing]);
        await AssertOneLineAsync(collector, 1, "--token-file");
    }

    [Fact]
    public async Task A_corrupt_state_database()
    {
        var state = Directory.CreateDirectory(Path.Combine(_directory.FullName, "state"));
        var garbage = new byte[8192];
        new Random(7).NextBytes(garbage);
        await File.WriteAllBytesAsync(Path.Combine(state.FullName, "collector.db"), garbage);
        await using var collector = CollectorProcess.Start(_directory.FullName);
        await AssertOneLineAsync(collector, 1, "collector.db");
        Assert.Equal(garbage, await File.ReadAllBytesAsync(Path.Combine(state.FullName, "collector.db")));
    }

    [Fact]
    public async Task An_invalid_spec()
    {
        var spec = Path.Combine(_directory.FullName, "spec.yaml");
        await File.WriteAllTextAsync(spec, "openapi: [unclosed\n");
        await using var collector = CollectorProcess.Start(_directory.FullName, ["--spec", spec]);
        await AssertOneLineAsync(collector, 1, "spec.yaml");
    }

    [Fact]
    public async Task A_missing_option_and_a_bad_value()
    {
        await using (var missing = CollectorProcess.StartRaw(["--http-listen", "127.0.0.1:1", "--state-dir", _directory.FullName]))
        {
            await AssertOneLineAsync(missing, 1, "--grpc-listen");
        }
        await using var bad = CollectorProcess.Start(_directory.FullName, ["--checkpoint-interval", "soon"]);
        await AssertOneLineAsync(bad, 1, "CheckpointInterval");
    }

    [Fact]
    public async Task A_wrong_command_line_exits_2()
    {
        await using (var unknown = CollectorProcess.Start(_directory.FullName, ["--frobnicate", "yes"]))
        {
            await AssertOneLineAsync(unknown, 2, "--frobnicate");
        }
        await using var valueless = CollectorProcess.StartRaw(["--state-dir"]);
        await AssertOneLineAsync(valueless, 2, "--state-dir");
    }

    [Fact]
    public async Task Options_come_from_APISENTINEL_environment_variables()
    {
        // The environment's value is used (and refused here, which proves it was read) when the command line has none.
        await using var collector = CollectorProcess.StartRaw(
            ["--http-listen", "127.0.0.1:1", "--state-dir", _directory.FullName, "--token-file", Path.Combine(_directory.FullName, "t")],
            new Dictionary<string, string> { ["APISENTINEL_GRPCLISTEN"] = "from-the-environment" });
        await AssertOneLineAsync(collector, 1, "from-the-environment");
    }

    private static async Task AssertOneLineAsync(CollectorProcess collector, int exitCode, string mentions)
    {
        var code = await collector.ExitCodeAsync();
        var lines = collector.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(code == exitCode, $"exit {code}, stderr: {collector.Stderr}");
        var line = Assert.Single(lines);
        Assert.StartsWith("apisentinel-collector: ", line, StringComparison.Ordinal);
        Assert.Contains(mentions, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", collector.Stderr + collector.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    private string TokenFile()
    {
        var file = Path.Combine(_directory.FullName, "token");
        File.WriteAllText(file, TestCollector.Token + "\n");
        return file;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
