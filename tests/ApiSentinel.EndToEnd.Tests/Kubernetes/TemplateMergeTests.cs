using System.Text.Json.Nodes;
using ApiSentinel.Crds.ApiEndpoints;
using ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes;

/// <summary>
/// Templates converging: one call to <c>/api/v1/widgets/alpha</c> is a literal endpoint (and resource); more calls,
/// each to another word-valued id, make the position a parameter, so the engine merges the literal into
/// <c>/api/v1/widgets/{…}</c> and lists the rename — and the sink deletes the superseded resource, keeping the one of
/// the merged endpoint (in the collector's namespace: the server is unknown to the cluster).
/// </summary>
public sealed class TemplateMergeTests
{
    private const string Collection = "/api/v1/widgets/";

    private static readonly string[] LaterIds = ["bravo", "charlie", "delta", "echo", "foxtrot", "golf"];

    [Fact]
    public async Task A_merge_of_two_templates_deletes_the_superseded_resource()
    {
        await using var stack = await KubernetesStack.StartAsync();
        var sensor = stack.SyntheticSensor();

        await sensor.SendAsync(SyntheticCalls.Gets([Collection + "alpha"]));
        var first = await stack.WaitUntilWrittenAsync(1);
        var literal = Assert.Single(first.Endpoints.OfType<JsonObject>());
        Assert.Equal(Collection + "alpha", (string)literal["path"]!);
        string literalName = (string)literal["identity"]!;
        var literalResource = Assert.Single(stack.Cluster.ApiEndpoints());
        Assert.Equal(FakeCluster.CollectorNamespace, literalResource.Metadata.NamespaceProperty);
        var mark = FakeCluster.Mark();

        await sensor.SendAsync(SyntheticCalls.Gets(LaterIds.Select(id => Collection + id)));
        var merged = await stack.WaitUntilWrittenAsync(1 + LaterIds.Length,
            catalog => catalog.Endpoints.Count == 1 && ((string)catalog.Endpoints[0]!["path"]!).StartsWith(Collection + "{", StringComparison.Ordinal));
        var template = merged.Endpoints[0]!;
        Assert.Equal(1 + LaterIds.Length, (long)template["requests"]!);
        Assert.NotEqual(literalName, (string)template["identity"]!);

        // Only the merged endpoint's resource is left; the literal's was deleted by a DELETE of that name.
        var resource = Assert.Single(stack.Cluster.ApiEndpoints());
        Assert.Equal((string)template["identity"]!, resource.Metadata.Name);
        Assert.Equal((string)template["path"]!, resource.Spec.Path);
        Assert.Equal(FakeCluster.CollectorNamespace, resource.Metadata.NamespaceProperty);
        Assert.Contains(stack.Cluster.Requests(mark), r => r.IsDelete && r.Succeeded &&
            r.ResourceName(V1Alpha1ApiEndpoint.KubePluralName) == literalName);
        Assert.DoesNotContain(stack.Cluster.Requests(), r => r.IsRefusedAsInvalid);
    }
}
