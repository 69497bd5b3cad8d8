using System.Globalization;
using System.Text.RegularExpressions;

namespace ApiSentinel.Collector.Service.Configuration;

/// <summary>The checks every option passes at start; the first failure is the one line the collector exits with.</summary>
public static class CollectorOptionsValidator
{
    /// <summary>Validators a custom detector may name (the wire's <c>CustomDetector.validator</c>).</summary>
    public static IReadOnlySet<string> DetectorValidators { get; } = new HashSet<string>(StringComparer.Ordinal) { "", "luhn", "mod97", "iban" };

    /// <summary>Null when the options are usable, else what is wrong, as one line naming the option.</summary>
    public static string? Validate(CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Listen("--grpc-listen", options.GrpcListen) is { } grpc)
        {
            return grpc;
        }
        if (Listen("--http-listen", options.HttpListen) is { } http)
        {
            return http;
        }
        if (string.IsNullOrWhiteSpace(options.StateDir))
        {
            return "--state-dir is required (the directory of the collector's durable state)";
        }
        if (string.IsNullOrWhiteSpace(options.TokenFile) && string.IsNullOrWhiteSpace(options.ClientCa))
        {
            return "--token-file is required (or --client-ca, to authenticate sensors by client certificate only)";
        }
        if (string.IsNullOrWhiteSpace(options.TlsCert) != string.IsNullOrWhiteSpace(options.TlsKey))
        {
            return "--tls-cert and --tls-key go together";
        }
        if (!string.IsNullOrWhiteSpace(options.ClientCa) && string.IsNullOrWhiteSpace(options.TlsCert))
        {
            return "--client-ca needs TLS (--tls-cert and --tls-key): client certificates are part of the TLS handshake";
        }
        if ((Positive("--checkpoint-interval", options.CheckpointInterval) ?? Positive("--build-interval", options.BuildInterval)) is { } interval)
        {
            return interval;
        }
        if (options.UsageRetention < TimeSpan.FromHours(1))
        {
            return $"--usage-retention must be at least an hour (usage is kept in hourly buckets), not {options.UsageRetention}";
        }
        if (options.SamplingRate is { } rate && !(rate > 0 && rate <= 1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"--sampling-rate must be in (0, 1], not {rate}");
        }
        if (options.MaxMessageBytes < 64 * 1024)
        {
            return "--max-message-bytes must be at least 65536";
        }
        if (options.IngestQueueBatches < 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"--ingest-queue-batches must be at least 1, not {options.IngestQueueBatches}");
        }
        if (options.Kubernetes != false && options.KubernetesSink().Validate() is { } kubernetes)
        {
            return kubernetes;
        }
        foreach (var detector in options.Detectors)
        {
            if (Detector(detector) is { } error)
            {
                return error;
            }
        }
        return null;
    }

    private static string? Listen(string option, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{option} HOST:PORT is required";
        }
        return ListenAddress.TryParse(value, out _)
            ? null
            : $"{option} must be HOST:PORT (an IP address, [IPv6], localhost or *), not '{value}'";
    }

    private static string? Positive(string option, TimeSpan value) =>
        value > TimeSpan.Zero ? null : $"{option} must be positive, not {value}";

    private static string? Detector(DetectorOptions detector)
    {
        if (string.IsNullOrWhiteSpace(detector.Name))
        {
            return "Detectors: every detector needs a Name";
        }
        if (!DetectorValidators.Contains(detector.Validator))
        {
            return $"Detectors: {detector.Name}: Validator must be empty, luhn, mod97 or iban, not '{detector.Validator}'";
        }
        try
        {
            _ = new Regex(detector.Pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            return $"Detectors: {detector.Name}: Pattern is not a .NET regular expression: {e.Message.ReplaceLineEndings(" ")}";
        }
        return string.IsNullOrEmpty(detector.Pattern) ? $"Detectors: {detector.Name}: Pattern is required" : null;
    }
}
