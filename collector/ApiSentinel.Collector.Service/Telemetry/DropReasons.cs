namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>Why calls were dropped: the values of the <c>reason</c> attribute of <see cref="MetricNames.CallsDropped"/>.</summary>
public static class DropReasons
{
    /// <summary>The collector refused a call it received (a required field missing or out of bounds).</summary>
    public const string RejectedCall = "rejected-call";

    /// <summary>A sensor's bounded queue dropped its oldest calls while the collector was slow or gone (from the sensor's status counters).</summary>
    public const string SensorQueueOverflow = "sensor-queue-overflow";

    /// <summary>A reason not listed here (a caller bug): kept apart so an attribute value can never be free text.</summary>
    public const string Other = "other";

    /// <summary><paramref name="reason"/> if it is one of these values, else <see cref="Other"/>.</summary>
    public static string Normalize(string? reason) => reason switch
    {
        RejectedCall or SensorQueueOverflow => reason,
        _ => Other,
    };
}
