using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Daemon.Configuration;
using ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Daemon.Tests.Configuration;

/// <summary>Options from the command line and the --config file, with their precedence and validation.</summary>
public sealed class SettingsTests : IDisposable
{
    private readonly TemporaryFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static DaemonSettings Read(params string[] args) => DaemonSettingsReader.Read(DaemonConfiguration.Build(args), "node-a");

    [Fact]
    public void Command_line_switches_map_to_settings_and_defaults_apply()
    {
        var settings = Read("--pcap", "a.pcap", "b.pcap", "--collector", "http://127.0.0.1:7000", "--replay-speed", "2.5",
            "--batch-size", "64", "--http-listen", "127.0.0.1:9100");

        Assert.Equal(CaptureMode.Replay, settings.Mode);
        Assert.Equal(["a.pcap", "b.pcap"], settings.PcapFiles);
        Assert.Equal(2.5, settings.ReplaySpeed);
        Assert.Equal(64, settings.BatchSize);
        Assert.Equal("node-a", settings.SensorId);
        Assert.Equal(9100, settings.HttpListen!.Port);
        Assert.Equal(DaemonSettings.DefaultQueueCapacity, settings.QueueCapacity);
        Assert.Equal(600_000, settings.QueueCapacity);
        // A file can wait for the collector; live traffic cannot.
        Assert.Equal(QueueFullPolicy.Wait, settings.QueueFull);
        Assert.Equal(QueueFullPolicy.DropOldest, Read("--interface", "lo", "--collector", "http://c:1").QueueFull);
    }

    [Fact]
    public void Interfaces_are_a_comma_separated_list_and_equals_syntax_works()
    {
        var settings = Read("--interface=eth0,eth1", "--collector", "https://collector.example:443", "--sensor-id", "s-1");

        Assert.Equal(CaptureMode.Live, settings.Mode);
        Assert.Equal(["eth0", "eth1"], settings.Interfaces);
        Assert.Equal("s-1", settings.SensorId);
    }

    [Fact]
    public void The_config_file_supplies_root_keys_and_the_command_line_overrides_it()
    {
        var config = _files.Write("sensor.json", """
            { "SensorId": "from-file", "Interface": ["eth0", "eth1"], "Collector": "http://127.0.0.1:7000",
              "BatchSize": 100, "QueueCapacity": 1000, "QueueFull": "wait" }
            """);

        var settings = Read("--config", config, "--batch-size", "7");

        Assert.Equal("from-file", settings.SensorId);
        Assert.Equal(["eth0", "eth1"], settings.Interfaces);
        Assert.Equal(7, settings.BatchSize);
        Assert.Equal(1000, settings.QueueCapacity);
        Assert.Equal(QueueFullPolicy.Wait, settings.QueueFull);
    }

    [Theory]
    [InlineData("unknown option --colector", "--pcap", "a", "--colector", "http://c:1")]
    [InlineData("--batch-size: 'many' is not a positive integer", "--pcap", "a", "--collector", "http://c:1", "--batch-size", "many")]
    [InlineData("--collector URL is required", "--pcap", "a")]
    [InlineData("--collector: 'ftp://c' is not an http:// or https:// URL", "--pcap", "a", "--collector", "ftp://c")]
    [InlineData("nothing to capture", "--collector", "http://c:1")]
    [InlineData("--interface and --pcap exclude each other", "--pcap", "a", "--interface", "lo", "--collector", "http://c:1")]
    [InlineData("--http-listen: '9100' is not HOST:PORT", "--pcap", "a", "--collector", "http://c:1", "--http-listen", "9100")]
    [InlineData("--token-file: /nonexistent/token: no such file", "--pcap", "a", "--collector", "http://c:1", "--token-file", "/nonexistent/token")]
    [InlineData("--sensor-id given more than once", "--pcap", "a", "--collector", "http://c:1", "--sensor-id", "x", "--sensor-id", "y")]
    [InlineData("--collector given more than once", "--pcap", "a", "--collector", "http://c:1", "--collector=http://c:2")]
    [InlineData("--batch-size: 65537 is above the maximum 65536", "--pcap", "a", "--collector", "http://c:1", "--batch-size", "65537")]
    [InlineData("--sensor-id needs a value", "--pcap", "a", "--collector", "http://c:1", "--sensor-id")]
    [InlineData("--filter applies to live capture", "--pcap", "a", "--collector", "http://c:1", "--filter", "tcp")]
    [InlineData("--queue-full: 'block' is not drop-oldest or wait", "--pcap", "a", "--collector", "http://c:1", "--queue-full", "block")]
    [InlineData("--collector-ca and --client-cert need an https:// collector URL", "--pcap", "a", "--collector", "http://c:1", "--collector-ca", "/etc/hostname")]
    public void Bad_options_are_one_clear_message(string message, params string[] args)
    {
        var e = Assert.Throws<OptionsException>(() => Read(args));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_config_file_with_broken_json_is_one_line()
    {
        var config = _files.Write("broken.json", "{ \"SensorId\": ");
        var e = Assert.Throws<OptionsException>(() => Read("--config", config));
        Assert.StartsWith($"--config: {config}: ", e.Message, StringComparison.Ordinal);
        // The parser's own position, not only "failed to load".
        Assert.Contains("LineNumber", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Repeated_list_switches_are_merged_in_order()
    {
        var replay = Read("--pcap", "a.pcap", "--collector", "http://c:1", "--pcap", "b.pcap", "c.pcap", "--pcap=d.pcap");
        Assert.Equal(["a.pcap", "b.pcap", "c.pcap", "d.pcap"], replay.PcapFiles);

        var live = Read("--interface", "eth0", "--interface", "eth1,eth2", "--collector", "http://c:1");
        Assert.Equal(["eth0", "eth1", "eth2"], live.Interfaces);
    }
}
