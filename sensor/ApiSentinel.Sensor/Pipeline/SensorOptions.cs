using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Pipeline;

/// <summary>Every bound and switch of the sensor pipeline, by stage.</summary>
public sealed class SensorOptions
{
    public ReassemblyOptions Reassembly { get; set; } = new();

    public Http1Options Http { get; set; } = new();

    public ExtractionOptions Extraction { get; set; } = new();

    /// <summary>Completed records allowed to wait for an earlier, unfinished exchange (see <see cref="ExchangeOrderer"/>).</summary>
    public int MaxRecordsAwaitingOrder { get; set; } = 65536;
}
