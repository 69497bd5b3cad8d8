using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Daemon.Configuration;

/// <summary>The extractor's options from the settings: one instance for every pipeline and the ALS input.</summary>
internal static class ExtractionSettings
{
    /// <summary>Shorter keys make fingerprints guessable by brute force over the key.</summary>
    public const int MinimumFingerprintKeyBytes = 16;

    public static ExtractionOptions Create(DaemonSettings settings)
    {
        var options = new ExtractionOptions();
        if (settings.SensitiveConfig is { } sensitive)
        {
            try
            {
                options.SensitiveData = SensitiveDataOptions.FromJson(File.ReadAllText(sensitive));
            }
            catch (SensitiveDataConfigurationException e)
            {
                throw new OptionsException($"--sensitive-config: {sensitive}: {e.Message}", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OptionsException($"--sensitive-config: {sensitive}: cannot read ({e.GetType().Name})", e);
            }
        }
        if (settings.FingerprintKeyFile is { } keyFile)
        {
            byte[] key;
            try
            {
                key = File.ReadAllBytes(keyFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OptionsException($"--fingerprint-key-file: {keyFile}: cannot read ({e.GetType().Name})", e);
            }
            if (key.Length < MinimumFingerprintKeyBytes)
            {
                throw new OptionsException($"--fingerprint-key-file: {keyFile}: at least {MinimumFingerprintKeyBytes} bytes of key needed");
            }
            options.FingerprintKey = key;
        }
        return options;
    }
}
