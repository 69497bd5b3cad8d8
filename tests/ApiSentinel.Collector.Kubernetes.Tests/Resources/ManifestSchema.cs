using System.Text.Json.Nodes;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Crds;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.Collector.Kubernetes.Tests.Resources;

/// <summary>The ApiEndpoint manifest's own schema, as the fake API server validates writes with it.</summary>
internal static class ManifestSchema
{
    private static readonly Lazy<CrdValidator> ApiEndpoint = new(() =>
    {
        var crd = YamlJson.ParseAll(CrdManifests.Text(CrdManifests.ApiEndpoints)).Single(d => d is not null)!;
        return CrdValidator.For(crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject());
    });

    /// <summary>
    /// The errors the API server would answer a create of <paramref name="resource"/> with, and an update of it by
    /// itself (which runs the transition rules), plus any field pruning would silently drop.
    /// </summary>
    public static List<string> ApiEndpointErrors(object resource)
    {
        var json = ApiEndpointJson.Serialize(resource);
        var created = JsonNode.Parse(json)!.AsObject();
        var errors = ApiEndpoint.Value.Validate(created, null).Select(e => e.Message).ToList();
        errors.AddRange(ApiEndpoint.Value.Validate(JsonNode.Parse(json)!.AsObject(), JsonNode.Parse(json)!.AsObject()).Select(e => "update: " + e.Message));
        var pruned = JsonNode.Parse(json)!.AsObject();
        ApiEndpoint.Value.DefaultAndPrune(pruned);
        if (!JsonNode.DeepEquals(pruned, created))
        {
            errors.Add("pruning or defaulting changed the object: a field the schema does not know");
        }
        errors.AddRange(ApiEndpoint.Value.SkippedRules.Select(r => "CEL rule not evaluated: " + r));
        return errors;
    }
}
