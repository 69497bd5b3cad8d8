namespace ApiSentinel.Collector.Risk;

/// <summary>
/// One kind of sensitive data at one place of an endpoint's traffic, with its volume: the calls it appeared in
/// and the occurrences counted (several per call when a response lists records).
/// </summary>
/// <param name="Location">Starts with <c>request.</c> or <c>response.</c>; anything else is taken as a response.</param>
public sealed record SensitiveExposure(string Type, string Location, long Calls, long Occurrences);
