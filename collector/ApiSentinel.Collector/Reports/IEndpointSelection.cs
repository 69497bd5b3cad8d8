using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Collector.Reports;

/// <summary>
/// Which endpoints (and static assets) a catalog document lists, and the request count it shows for each: the
/// collector's API filters (host, risk, shadow, a time range whose requests come from stored usage) without a second
/// copy of the document's shape.
/// </summary>
public interface IEndpointSelection
{
    bool Includes(EndpointSnapshot endpoint);

    /// <summary>The <c>requests</c> member written for an included endpoint.</summary>
    long RequestsOf(EndpointSnapshot endpoint);
}
