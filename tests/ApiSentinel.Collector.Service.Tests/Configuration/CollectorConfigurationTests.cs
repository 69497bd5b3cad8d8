using ApiSentinel.Collector.Service.Configuration;

namespace ApiSentinel.Collector.Service.Tests.Configuration;

public sealed class CollectorConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("apisentinel-config-");

    [Fact]
    public void Switches_map_to_root_keys_and_list_switches_to_indexed_keys()
    {
        var options = CollectorConfiguration.Bind(CollectorConfiguration.Build(
        [
            "--grpc-listen", "127.0.0.1:7001", "--http-listen=[::1]:7002", "--token-file", "t", "--state-dir", "s",
            "--spec", "a.yaml", "b.yaml", "--spec", "c.json", "--checkpoint-interval", "00:00:30", "--sampling-rate", "0.25",
        ]));
        Assert.Equal("127.0.0.1:7001", options.GrpcListen);
        Assert.Equal("[::1]:7002", options.HttpListen);
        Assert.Equal(["a.yaml", "b.yaml", "c.json"], options.Spec);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CheckpointInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.BuildInterval);
        Assert.Equal(0.25, options.SamplingRate);
        Assert.Equal(64, options.IngestQueueBatches);
    }

    [Fact]
    public void The_config_file_gives_what_the_command_line_does_not_and_the_command_line_wins()
    {
        var file = Path.Combine(_directory.FullName, "collector.json");
        File.WriteAllText(file, """
            {
              "GrpcListen": "127.0.0.1:8001", "HttpListen": "127.0.0.1:8002", "TokenFile": "/run/secrets/token",
              "StateDir": "/var/lib/apisentinel", "UsageRetention": "7.00:00:00",
              "Detectors": [ { "Name": "employee-id", "Pattern": "E-[0-9]{6}", "FieldNames": [ "employee" ] } ]
            }
            """);
        var options = CollectorConfiguration.Bind(CollectorConfiguration.Build(["--config", file, "--http-listen", "127.0.0.1:9002"]));
        Assert.Equal("127.0.0.1:8001", options.GrpcListen);
        Assert.Equal("127.0.0.1:9002", options.HttpListen);
        Assert.Equal(TimeSpan.FromDays(7), options.UsageRetention);
        var detector = Assert.Single(options.Detectors);
        Assert.Equal("employee-id", detector.Name);
        Assert.Equal(["employee"], detector.FieldNames);
    }

    [Theory]
    [InlineData("--grpc-listen", "nowhere", "--grpc-listen")]
    [InlineData("--grpc-listen", "::1:80", "--grpc-listen")]
    [InlineData("--sampling-rate", "1.5", "--sampling-rate")]
    [InlineData("--build-interval", "00:00:00", "--build-interval")]
    [InlineData("--usage-retention", "00:10:00", "--usage-retention")]
    [InlineData("--tls-cert", "cert.pem", "--tls-key")]
    [InlineData("--ingest-queue-batches", "0", "--ingest-queue-batches")]
    public void A_bad_value_is_one_line_naming_the_option(string option, string value, string named)
    {
        string[] args = ["--grpc-listen", "127.0.0.1:1", "--http-listen", "127.0.0.1:2", "--token-file", "t", "--state-dir", "s", option, value];
        var error = Assert.Throws<StartupException>(() => CollectorConfiguration.Bind(CollectorConfiguration.Build(args)));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_bad_config_file_is_one_line()
    {
        var file = Path.Combine(_directory.FullName, "broken.json");
        File.WriteAllText(file, "{ \"GrpcListen\": ");
        var error = Assert.Throws<StartupException>(() => CollectorConfiguration.Build(["--config", file]));
        Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
        Assert.Throws<StartupException>(() => CollectorConfiguration.Build(["--config", Path.Combine(_directory.FullName, "absent.json")]));
    }

    [Fact]
    public void A_bad_custom_detector_is_refused()
    {
        var file = Path.Combine(_directory.FullName, "detector.json");
        File.WriteAllText(file, """{ "Detectors": [ { "Name": "broken", "Pattern": "([a-z" } ] }""");
        string[] args = ["--config", file, "--grpc-listen", "127.0.0.1:1", "--http-listen", "127.0.0.1:2", "--token-file", "t", "--state-dir", "s"];
        var error = Assert.Throws<StartupException>(() => CollectorConfiguration.Bind(CollectorConfiguration.Build(args)));
        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--nope")]
    [InlineData("stray")]
    [InlineData("--state-dir")]
    public void A_wrong_command_line_is_a_command_line_error(string arg) =>
        Assert.Throws<CommandLineException>(() => CommandLine.Normalise(["--token-file", "t", arg]));

    public void Dispose() => _directory.Delete(recursive: true);
}
