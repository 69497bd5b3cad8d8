using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Daemon.Configuration;

namespace ApiSentinel.Sensor.Daemon.Tests.Configuration;

/// <summary><c>--capture-hold-ms</c>: how long libpcap may hold live packets, from the switch, environment or file.</summary>
public sealed class CaptureHoldSettingsTests
{
    private static DaemonSettings Read(params string[] args) => DaemonSettingsReader.Read(DaemonConfiguration.Build(args), "node-a");

    [Fact]
    public void Live_capture_holds_packets_for_the_default_unless_told()
    {
        Assert.Equal(LiveCaptureOptions.DefaultBufferTimeoutMilliseconds, Read("--interface", "lo", "--collector", "http://c:1").CaptureHoldMilliseconds);
        Assert.Equal(0, Read("--interface", "lo", "--collector", "http://c:1", "--capture-hold-ms", "0").CaptureHoldMilliseconds);
        Assert.Equal(250, Read("--interface", "lo", "--collector", "http://c:1", "--capture-hold-ms=250").CaptureHoldMilliseconds);
    }

    [Theory]
    [InlineData("251")]
    [InlineData("-1")]
    [InlineData("soon")]
    public void A_hold_out_of_range_is_one_clear_message(string value)
    {
        var error = Assert.Throws<OptionsException>(() => Read("--interface", "lo", "--collector", "http://c:1", $"--capture-hold-ms={value}"));
        Assert.Equal($"--capture-hold-ms: '{value}' is not a number of milliseconds from 0 (every packet at once) to 250", error.Message);
    }

    [Fact]
    public void A_hold_applies_to_live_capture_only()
    {
        var error = Assert.Throws<OptionsException>(() => Read("--pcap", "a.pcap", "--collector", "http://c:1", "--capture-hold-ms", "50"));
        Assert.Equal("--capture-hold-ms applies to live capture (--interface) only", error.Message);
    }
}
