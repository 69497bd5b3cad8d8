using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Collector.Templating;

namespace ApiSentinel.Collector.Catalog;

/// <summary>Everything configurable about the catalog, by concern.</summary>
public sealed class CatalogOptions
{
    public TemplatingOptions Templating { get; set; } = new();

    public FindingOptions Findings { get; set; } = new();

    public RiskWeights RiskWeights { get; set; } = new();

    /// <summary>Pod and service CIDRs: clients there are internal, like RFC 1918 ones.</summary>
    public IList<string> ClusterCidrs { get; } = [];

    /// <summary>Clients tracked per endpoint (space-saving counter; heavy hitters always kept).</summary>
    public int ClientsTrackedPerEndpoint { get; set; } = 256;

    /// <summary>
    /// Distinct hosts catalogued; calls to further hosts go to the <c>(other)</c> host. Default 1 000: a cluster's
    /// services and their addresses fit with room to spare, and the bound keeps a flood of invented Host headers
    /// (each costs a templater trie and endpoints) bounded: 200 000 distinct hosts peak at 123 MB instead of 2.2 GB.
    /// </summary>
    public int MaxHosts { get; set; } = 1_000;

    /// <summary>
    /// Distinct methods per host; further ones become method <c>(other)</c>. Default 32: the registered HTTP methods
    /// (with WebDAV's) number about 40, and one API uses a handful.
    /// </summary>
    public int MaxMethodsPerHost { get; set; } = 32;

    /// <summary>
    /// Endpoints catalogued; calls that would create another go to the <c>(other) (other) (other)</c> endpoint.
    /// Default 20 000: an endpoint costs about 4 KB retained (measured: 20 000 endpoints, 85 MB), and a whole
    /// <c>analyze</c> run at the bound peaks near 330 MB where 200 000 unbounded endpoints took 2 GB.
    /// </summary>
    public int MaxEndpoints { get; set; } = 20_000;

    /// <summary>
    /// Distinct credentials on one endpoint from which token proliferation is found — the one threshold for both the
    /// endpoint's access issues and its access-control score (<see cref="AccessAnalysis"/>). Default 1 000.
    /// </summary>
    public int TokenProliferationThreshold { get; set; } = AccessAnalysis.DefaultTokenProliferationThreshold;

    /// <summary>
    /// The collector's own clock, for what is wall-clock by nature (how long a source has been silent). Everything
    /// about traffic — windows, first/last seen — runs on event time from the calls, kept per source.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
