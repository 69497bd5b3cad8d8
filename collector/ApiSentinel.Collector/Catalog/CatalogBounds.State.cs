using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Catalog;

/// <summary>State export of the bounds: the admitted hosts with their methods, and the overflow host's methods.</summary>
internal sealed partial class CatalogBounds
{
    public void WriteState(StateWriter writer)
    {
        var hosts = _methodsByHost.Keys.ToArray();
        Array.Sort(hosts, StringComparer.Ordinal);
        writer.WriteCount(hosts.Length);
        foreach (var host in hosts)
        {
            writer.WriteString(host);
            writer.WriteStrings(_methodsByHost[host]);
        }
        writer.WriteBool(_overflowHostMethods is not null);
        if (_overflowHostMethods is not null)
        {
            writer.WriteStrings(_overflowHostMethods);
        }
    }

    public void ReadState(StateReader reader)
    {
        var hosts = reader.ReadCount(options.MaxHosts);
        for (var i = 0; i < hosts; i++)
        {
            var methods = new HashSet<string>(StringComparer.Ordinal);
            if (!_methodsByHost.TryAdd(reader.ReadString(), methods))
            {
                throw reader.Corrupt("repeated host");
            }
            reader.ReadStrings(methods, options.MaxMethodsPerHost);
        }
        if (reader.ReadBool())
        {
            _overflowHostMethods = new HashSet<string>(StringComparer.Ordinal);
            reader.ReadStrings(_overflowHostMethods, options.MaxMethodsPerHost);
        }
    }
}
