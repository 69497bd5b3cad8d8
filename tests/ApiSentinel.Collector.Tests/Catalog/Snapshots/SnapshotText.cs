using System.Globalization;
using System.Text;
using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Collector.Tests.Catalog.Snapshots;

/// <summary>
/// Serialises every readable part of a snapshot to text — the test's stand-in for a sink. Two serialisations of one
/// snapshot that differ mean something in it changed after Build returned. It also recomputes each endpoint's
/// change marker from the content, so a marker that no longer matches its content is caught too.
/// </summary>
internal static class SnapshotText
{
    public static string Of(CatalogSnapshot snapshot)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"generation {snapshot.Generation}\n");
        var n = snapshot.Counters;
        text.Append(c, $"counters {n.Calls} {n.EndpointsMerged} {n.TemplaterTruncatedCalls} {n.HostOverflowCalls} {n.MethodOverflowCalls} {n.EndpointOverflowCalls} {n.CallsWithoutClient}\n");
        foreach (var (list, name) in new[] { (snapshot.Endpoints, "endpoint"), (snapshot.StaticAssets, "asset"), (snapshot.ProbedPaths, "probe") })
        {
            foreach (var e in list)
            {
                Endpoint(text, name, e);
            }
        }
        foreach (var f in snapshot.Findings)
        {
            text.Append(c, $"finding {f.Kind} {f.Severity} {f.Client} {f.FromMicros}-{f.ToMicros} {f.Summary} ");
            text.AppendJoin(',', f.Evidence.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")).Append(' ');
            text.AppendJoin(',', f.Endpoints).Append('\n');
        }
        foreach (var (host, op) in snapshot.UnusedSpecOperations)
        {
            text.Append(c, $"unused {host} {op.Method} {op.PathTemplate}\n");
        }
        foreach (var r in snapshot.Renames)
        {
            text.Append(c, $"rename {r.OldKey} {r.OldIdentity} -> {r.NewKey} {r.NewIdentity}\n");
        }
        return text.ToString();
    }

    private static void Endpoint(StringBuilder text, string kind, EndpointSnapshot e)
    {
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"{kind} {e.Key} {e.Identity} {e.ChangeMarker} recomputed={EndpointContentHash.Of(e)}\n");
        text.Append(c, $"  template {e.Template.Template} {e.Template.Reason} {e.Template.Confidence} {string.Join(',', e.Template.Parameters)}\n");
        text.Append(c, $"  usage {e.Requests} {e.NoResponse} {e.FirstSeenMicros} {e.LastSeenMicros} {Join(e.StatusCodes)}\n");
        text.Append(c, $"  clients {e.Clients.Count} {e.Clients.Evicted} {Join(e.Clients.Top(ClientCounts.Listed))} {e.InternalClientCalls} {e.ExternalClientCalls} {e.UnknownClientCalls} {e.Exposure}\n");
        text.Append(c, $"  auth {Join(e.AuthKinds)} {string.Join(',', e.AuthLocations)} {string.Join(',', e.JwtAlgorithms)} {e.DistinctCredentials} {e.DistinctCredentialsCapped}\n");
        foreach (var ((type, location), calls) in e.Sensitive)
        {
            text.Append(c, $"  sensitive {type} {location} {calls} {e.SensitiveOccurrences(type, location)} {string.Join(',', e.MaskedSamplesOf((type, location)))}\n");
        }
        text.Append(c, $"  nature {e.AssetResponses} {e.ApiResponses} {e.DefiniteApiResponses} {e.IsStaticAsset}\n");
        foreach (var (fields, name) in new[] { (e.Query, "query"), (e.RequestFields, "request"), (e.ResponseFields, "response") })
        {
            text.Append(c, $"  {name} {fields.Dropped} ");
            text.AppendJoin(',', fields.Names.Select(f => $"{f}:{string.Join('|', fields.KindsOf(f))}:{fields.CountOf(f)}")).Append('\n');
        }
        text.Append(c, $"  headers {Join(e.RequestHeaders)} {Join(e.ResponseHeaders)} {Join(e.RequestContentTypes)} {Join(e.ResponseContentTypes)}\n");
        text.Append(c, $"  misc {string.Join(',', e.Servers)} {string.Join(',', e.ClientTools)} {e.TotalDurationMicros} {e.TimedCalls} {e.DroppedValues}\n");
        text.Append(c, $"  spec {e.SpecState} {e.OperationId} {string.Join(',', e.Violations)}\n");
        text.Append(c, $"  findings {string.Join(',', e.Findings.Select(f => $"{f.Kind}@{f.FromMicros}-{f.ToMicros}"))} issues {string.Join(',', e.AccessIssues)}\n");
        text.Append(c, $"  risk {e.Risk.Score} {e.Risk.Level} {string.Join(',', e.Risk.Factors)}\n");
    }

    private static string Join<TKey>(IEnumerable<KeyValuePair<TKey, long>> counts) => string.Join(',', counts.Select(kv => $"{kv.Key}={kv.Value}"));
}
