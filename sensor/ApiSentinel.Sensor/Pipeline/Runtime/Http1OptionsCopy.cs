using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Pipeline.Runtime;

/// <summary>
/// A pipeline's own copy of the HTTP options: the run-time body limit is set on it, and callers may share one
/// <see cref="SensorOptions"/> between pipelines (one per interface), which must not change each other.
/// A test checks that every property is copied.
/// </summary>
internal static class Http1OptionsCopy
{
    public static Http1Options Of(Http1Options options) => new()
    {
        MaxInFlightRequests = options.MaxInFlightRequests,
        BodyInspectionLimit = options.BodyInspectionLimit,
        InspectionBudgetBytes = options.InspectionBudgetBytes,
        MaxPendingRequestBytes = options.MaxPendingRequestBytes,
        MaxHeaderBytes = options.MaxHeaderBytes,
    };
}
