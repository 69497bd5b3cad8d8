using ApiSentinel.Collector.Service.Configuration;
using ApiSentinel.Ingest;
using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Collector.Service.Ingest;

/// <summary>
/// The <see cref="SensorConfig"/> pushed to a sensor after its Hello: the collector's own detectors, sampling and
/// body limit, each only when the sensor lists the capability to apply it. No capture scope yet (the Kubernetes
/// issues fill it in): an absent scope means "everything the sensor's interfaces deliver".
/// </summary>
public sealed class SensorConfigs(CollectorOptions options)
{
    /// <summary>The options do not change while the collector runs, so every config it pushes is version 1.</summary>
    public const ulong Version = 1;

    public SensorConfig For(Hello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        var config = new SensorConfig { Version = Version };
        if (hello.Capabilities.Contains(SensorCapabilities.CustomDetectors))
        {
            foreach (var detector in options.Detectors)
            {
                var wire = new CustomDetector
                {
                    Name = detector.Name,
                    Pattern = detector.Pattern,
                    Validator = detector.Validator,
                    RequireFieldName = detector.RequireFieldName,
                };
                wire.FieldNames.AddRange(detector.FieldNames);
                config.Detectors.Add(wire);
            }
        }
        if (options.SamplingRate is { } rate && hello.Capabilities.Contains(SensorCapabilities.Sampling))
        {
            config.SamplingRate = rate;
        }
        if (options.BodyInspectionLimit is { } limit && hello.Capabilities.Contains(SensorCapabilities.BodyLimit))
        {
            config.BodyInspectionLimit = limit;
        }
        return config;
    }
}
