namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Calls to one endpoint (by <see cref="EndpointIdentity"/>) in one hour of event time: the hour starts at
/// <see cref="HourStartMicros"/> (µs since the Unix epoch, a multiple of an hour). <see cref="Errors"/> counts the calls
/// the server failed — a 5xx status or no response at all (<see cref="HourlyUsage.IsError"/>); 4xx answers are the
/// client's errors and count only as requests.
/// </summary>
public sealed record UsageBucket(string EndpointId, long HourStartMicros, long Requests, long Errors);
