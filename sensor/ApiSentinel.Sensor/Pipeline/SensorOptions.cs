using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Pipeline;

/// <summary>Every bound and switch of the sensor pipeline, by stage.</summary>
public sealed class SensorOptions
{
    /// <summary>
    /// <see cref="MaxOrderWaitMicros"/> for a live sensor: one second, so an exchange leaves the sensor within a second
    /// or two of completing even behind a long poll (issue 8: "exchanges leave the sensor within a second or two").
    /// </summary>
    public const long LiveMaxOrderWaitMicros = 1_000_000;

    public ReassemblyOptions Reassembly { get; set; } = new();

    public Http1Options Http { get; set; } = new();

    public ExtractionOptions Extraction { get; set; } = new();

    /// <summary>Completed records allowed to wait for an earlier, unfinished exchange (see <see cref="ExchangeOrderer"/>).</summary>
    public int MaxRecordsAwaitingOrder { get; set; } = 65536;

    /// <summary>
    /// Longest a completed record waits, in capture time, behind an earlier unfinished exchange before that one is
    /// passed over (see <see cref="ExchangeOrderer"/>); 0 (the default, right for files) = only the count bound.
    /// </summary>
    public long MaxOrderWaitMicros { get; set; }
}
