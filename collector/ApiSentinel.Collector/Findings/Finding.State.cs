using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of a closed <see cref="Finding"/>, every member in declaration order (evidence by key).</summary>
internal static class FindingState
{
    public static void Write(StateWriter writer, Finding finding)
    {
        writer.WriteString(finding.Kind);
        writer.WriteString(finding.Severity);
        writer.WriteNullableString(finding.Client);
        writer.WriteLong(finding.FromMicros);
        writer.WriteLong(finding.ToMicros);
        writer.WriteString(finding.Summary);
        var keys = finding.Evidence.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        writer.WriteCount(keys.Length);
        foreach (var key in keys)
        {
            writer.WriteString(key);
            writer.WriteString(finding.Evidence[key]);
        }
        writer.WriteCount(finding.Endpoints.Count);
        foreach (var endpoint in finding.Endpoints)
        {
            writer.WriteKey(endpoint);
        }
        writer.WriteNullableString(finding.Source);
    }

    public static Finding Read(StateReader reader)
    {
        var kind = reader.ReadString();
        var severity = reader.ReadString();
        var client = reader.ReadNullableString();
        var from = reader.ReadLong();
        var to = reader.ReadLong();
        var summary = reader.ReadString();
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = reader.ReadCount();
        for (var i = 0; i < keys; i++)
        {
            if (!evidence.TryAdd(reader.ReadString(), reader.ReadString()))
            {
                throw reader.Corrupt("repeated evidence key");
            }
        }
        var endpoints = new Endpoints.EndpointKey[reader.ReadCount()];
        for (var i = 0; i < endpoints.Length; i++)
        {
            endpoints[i] = reader.ReadKey();
        }
        return new Finding(kind, severity, client, from, to, summary, evidence, endpoints) { Source = reader.ReadNullableString() };
    }
}
