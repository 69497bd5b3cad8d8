namespace ApiSentinel.Collector.Catalog;

/// <summary>An endpoint's exposure as every output names it: the one home of these strings.</summary>
public static class ExposureStates
{
    /// <summary>At least one call came from a client outside the cluster and the private ranges.</summary>
    public const string External = "external";

    /// <summary>Every call with a known client came from inside.</summary>
    public const string Internal = "internal";

    /// <summary>No call had a client address (HAR input): exposure was not observed, so it is not claimed.</summary>
    public const string Unknown = "unknown";

    /// <summary>A client's exposure as a string.</summary>
    public static string Of(ClientExposure exposure) => exposure switch
    {
        ClientExposure.External => External,
        ClientExposure.Internal => Internal,
        _ => Unknown,
    };
}
