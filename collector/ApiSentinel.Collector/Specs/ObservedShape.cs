namespace ApiSentinel.Collector.Specs;

/// <summary>
/// Everything seen on one endpoint, aggregated over its calls: query parameters and JSON body fields with the set of
/// value kinds seen (kinds as in <see cref="Model.FieldObservation"/>), request header names (lower-case), response
/// statuses, and credential kinds (<see cref="Model.ApiCall.Auth"/> values).
/// </summary>
public sealed record ObservedShape(
    IReadOnlyDictionary<string, IReadOnlySet<string>> QueryKinds,
    IReadOnlySet<string> RequestHeaders,
    IReadOnlySet<int> Statuses,
    IReadOnlyDictionary<string, IReadOnlySet<string>> RequestFieldKinds,
    IReadOnlyDictionary<string, IReadOnlySet<string>> ResponseFieldKinds,
    IReadOnlySet<string> AuthKinds);
