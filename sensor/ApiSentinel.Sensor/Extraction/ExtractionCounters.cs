namespace ApiSentinel.Sensor.Extraction;

/// <summary>Running totals of exchange extraction.</summary>
public sealed class ExtractionCounters
{
    public long Exchanges;
    public long WithSensitiveData;
    public long Authenticated;
    /// <summary>Exchanges whose body inspection was cut by the inspection limit.</summary>
    public long BodiesTruncatedForInspection;

    /// <summary>Methods that were not an RFC 9110 token of reasonable length, or held data: reported as <c>INVALID</c>.</summary>
    public long InvalidMethods;

    /// <summary>Exchanges whose host (Host header or target authority) was not a host name or address: never echoed.</summary>
    public long InvalidHosts;

    /// <summary>Exchanges whose host (Host header or target authority) held data (an e-mail, a card): never echoed.</summary>
    public long RedactedHosts;

    /// <summary>Names from the wire not echoed because they were data (header, cookie, query names; media types; products).</summary>
    public long NamesWithheld;

    /// <summary>JSON keys and form field names that were data (ids, e-mails, cards, tokens), reported as <c>{key}</c>.</summary>
    public long DataKeys;

    /// <summary>Every counter a person should hear about when it is not zero (for the CLI summary and OTLP).</summary>
    public IEnumerable<(string What, long Count)> Losses()
    {
        yield return ("bodies cut by the inspection limit", BodiesTruncatedForInspection);
        yield return ("invalid request methods (reported as INVALID)", InvalidMethods);
        yield return ("invalid hosts (never echoed)", InvalidHosts);
        yield return ("hosts that held data (never echoed)", RedactedHosts);
        yield return ("names withheld because they held data", NamesWithheld);
        yield return ("JSON keys or form names that held data (reported as {key})", DataKeys);
    }
}
