using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>Applies the configuration the collector pushes down the stream (called on the stream's reading task).</summary>
internal interface ISensorConfigHandler
{
    /// <summary>The <c>config.*</c> capabilities announced in the Hello: what <see cref="Apply"/> can honour.</summary>
    IReadOnlyList<string> Capabilities { get; }

    void Apply(SensorConfig config);
}
