namespace ApiSentinel.Sensor.AccessLogs;

/// <summary>What the converter made of one HTTP access-log entry.</summary>
internal enum AccessLogEntryOutcome
{
    /// <summary>A transaction ready for the extractor.</summary>
    Converted,

    /// <summary>No request, no method or no path: nothing the catalog could place.</summary>
    Malformed,

    /// <summary>A periodic entry of a stream still open; its final entry will report the exchange.</summary>
    Intermediate,
}
