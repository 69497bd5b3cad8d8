using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Daemon.Configuration;
using ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Daemon.Tests.Configuration;

public sealed class ExtractionSettingsTests : IDisposable
{
    private readonly TemporaryFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Sensors_sharing_a_fingerprint_key_file_give_one_credential_one_fingerprint_and_without_it_each_process_differs()
    {
        var key = _files.Write("fingerprint.key", "0123456789abcdef0123456789abcdef");
        var withKeyA = await FingerprintsOfAReplay("--fingerprint-key-file", key);
        var withKeyB = await FingerprintsOfAReplay("--fingerprint-key-file", key);
        var withoutKey = await FingerprintsOfAReplay();

        Assert.NotEmpty(withKeyA);
        Assert.Equal(withKeyA, withKeyB);
        Assert.Empty(withKeyA.Intersect(withoutKey));
    }

    [Fact]
    public void A_short_fingerprint_key_and_a_bad_sensitive_config_are_refused_with_one_line()
    {
        var shortKey = _files.Write("short.key", "tooshort");
        var badConfig = _files.Write("sensitive.json", """{"customDetectors":[{"name":"x","pattern":"(["}]}""");
        var settings = new DaemonSettings { SensorId = "s", Mode = CaptureMode.Replay, Collector = new Uri("http://c:1") };

        var key = Assert.Throws<OptionsException>(() => ExtractionSettings.Create(settings with { FingerprintKeyFile = shortKey }));
        Assert.StartsWith("--fingerprint-key-file:", key.Message, StringComparison.Ordinal);
        var config = Assert.Throws<OptionsException>(() => ExtractionSettings.Create(settings with { SensitiveConfig = badConfig }));
        Assert.StartsWith("--sensitive-config:", config.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sensitive_config_file_adds_its_detectors()
    {
        var file = _files.Write("sensitive.json", """{"customDetectors":[{"name":"employee-id","pattern":"EMP-[0-9]{6}"}]}""");
        var settings = new DaemonSettings { SensorId = "s", Mode = CaptureMode.Replay, Collector = new Uri("http://c:1"), SensitiveConfig = file };

        var options = ExtractionSettings.Create(settings);

        Assert.Contains(options.SensitiveData.CustomDetectors, d => d.Name == "employee-id");
    }

    private async Task<HashSet<string>> FingerprintsOfAReplay(params string[] extra)
    {
        await using var collector = await FakeCollector.StartAsync();
        await using var daemon = InProcessDaemon.Start([
            "--pcap", Samples.DemoPcap, "--collector", collector.Address.ToString(), "--token-file", _files.TokenFile(), .. extra,
        ]);
        Assert.Equal(0, await daemon.ExitWithin());
        return [.. collector.Ledger.Calls.Where(c => c.HasCredentialFingerprint).Select(c => c.CredentialFingerprint)];
    }
}
