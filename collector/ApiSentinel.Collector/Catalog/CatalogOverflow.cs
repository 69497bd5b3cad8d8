using ApiSentinel.Collector.Endpoints;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The names of the catalog's overflow buckets. Hosts, methods and endpoints all come from clients, so each is
/// bounded (<see cref="CatalogOptions"/>); a call past a bound is catalogued under <see cref="Name"/> in the
/// position that overflowed and counted, never dropped silently. <c>(other)</c> can be neither a host name, an
/// HTTP method token (parentheses are separators in RFC 9110) nor a path (paths start with '/').
/// </summary>
public static class CatalogOverflow
{
    public const string Name = "(other)";

    /// <summary>The endpoint every call lands in once <see cref="CatalogOptions.MaxEndpoints"/> endpoints exist.</summary>
    public static EndpointKey CatchAll { get; } = new(Name, Name, Name);

    public static bool IsOverflow(EndpointKey key) =>
        key.Host == Name || key.Method == Name || key.PathTemplate == Name;
}
