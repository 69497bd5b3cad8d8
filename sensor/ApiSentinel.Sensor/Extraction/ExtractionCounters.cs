namespace ApiSentinel.Sensor.Extraction;

/// <summary>Running totals of exchange extraction.</summary>
public sealed class ExtractionCounters
{
    public long Exchanges;
    public long WithSensitiveData;
    public long Authenticated;
    /// <summary>Exchanges whose body inspection was cut by the inspection limit.</summary>
    public long BodiesTruncatedForInspection;
}
