using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Collector.Reports;

/// <summary>What the outputs say about a client address: internal or external, and country/organisation when a GeoIP database was given.</summary>
public sealed class ClientDirectory(ExposureClassifier exposure, GeoIpEnricher? geo)
{
    /// <summary>The GeoIP database the descriptions come from (empty without one): part of what they depend on.</summary>
    public string Identity => geo?.DatabaseIdentity ?? "";

    public (string? Country, string? Organisation, bool External) Describe(string address)
    {
        var (country, organisation) = geo?.Lookup(address) ?? (null, null);
        return (country, organisation, !exposure.IsInternal(address));
    }
}
