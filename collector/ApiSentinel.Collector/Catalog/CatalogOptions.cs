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

    /// <summary>Distinct credentials on one endpoint above which "token proliferation" is flagged.</summary>
    public int TokenProliferationThreshold { get; set; } = 100;
}
