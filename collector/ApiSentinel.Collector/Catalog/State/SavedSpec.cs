namespace ApiSentinel.Collector.Catalog.State;

/// <summary>
/// A run-time spec as the state keeps it: what <c>ApiCatalog.SetSpec</c> was given, with the spec as its document
/// text, parsed again on import (the reduced model is not written: the loader stays its one definition).
/// </summary>
internal sealed record SavedSpec(string Id, IReadOnlyList<string> Hosts, string SourceName, string Document)
{
    public void Write(StateWriter writer)
    {
        writer.WriteString(Id);
        writer.WriteCount(Hosts.Count);
        foreach (var host in Hosts)
        {
            writer.WriteString(host);
        }
        writer.WriteString(SourceName);
        writer.WriteString(Document);
    }

    public static SavedSpec Read(StateReader reader)
    {
        var id = reader.ReadString();
        var hosts = new string[reader.ReadCount()];
        for (var i = 0; i < hosts.Length; i++)
        {
            hosts[i] = reader.ReadString();
        }
        return new SavedSpec(id, hosts, reader.ReadString(), reader.ReadString());
    }
}
