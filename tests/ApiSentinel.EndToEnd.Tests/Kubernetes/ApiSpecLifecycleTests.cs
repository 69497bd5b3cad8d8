using System.Text.Json.Nodes;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using ApiSentinel.Crds.ApiSpecs;
using ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes;

/// <summary>
/// A platform team publishes the demo API's OpenAPI document as an <c>ApiSpec</c> next to its Service, then
/// documents the debug endpoint it had forgotten, then withdraws the spec (with the real <c>kubectl delete</c>): each
/// step changes the catalog's conformance states and shadow flags, the <c>ApiEndpoint</c> resources follow (labels
/// and status), and the <c>ApiSpec</c>'s status counts what it describes.
/// </summary>
public sealed class ApiSpecLifecycleTests
{
    private const string SpecName = "demo-api";

    private const string DebugPath = "/internal/debug/config";

    private static readonly string DemoHost = $"{FakeCluster.DemoServerAddress}:{FakeCluster.DemoServerPort}";

    [Fact]
    public async Task Publishing_changing_and_removing_an_ApiSpec_moves_conformance_and_shadow_flags_of_the_resources()
    {
        await using var stack = await KubernetesStack.StartAsync();
        var embedded = CliRun.Analyze([RepositoryPaths.DemoCapture]);
        stack.Replay(RepositoryPaths.DemoCapture);
        var before = await stack.WaitUntilWrittenAsync(embedded.TotalRequests);
        Assert.All(before.Endpoints, e => Assert.Equal("no-spec", (string)e!["conformance"]!["state"]!));

        // 1. Published: the states analyze --spec gives, the forgotten debug endpoint a shadow.
        string document = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "demo-api.openapi.yaml"));
        var reference = CliRun.Analyze([RepositoryPaths.DemoCapture], ["--spec", Path.Combine(RepositoryPaths.Root, "samples", "demo-api.openapi.yaml")]);
        await stack.Cluster.Server.ApplyManifestAsync(ApiSpecManifest(document));
        var published = await stack.WaitUntilWrittenAsync(embedded.TotalRequests, catalog => States(catalog).SequenceEqual(States(reference)));
        Assert.True(Find(published, DebugPath)["shadow"]!.GetValue<bool>());
        AssertResourcesFollow(stack, published);
        var shadowList = Table.Parse(stack.Cluster.Kubectl.Ok("get", "apiendpoints", "-A", "-l", $"{ApiSentinelLabels.Shadow}=true"));
        Assert.Equal([(string)Find(published, DebugPath)["identity"]!], shadowList.Rows.Select(row => row["NAME"]));
        await WaitForSpecStatusAsync(stack, published, generation: 1);

        // 2. Changed: the debug endpoint documented, so no shadow remains; the status counts follow, generation 2.
        await stack.Cluster.Server.ApplyManifestAsync(ApiSpecManifest(WithDebugOperation(document)));
        var changed = await stack.WaitUntilWrittenAsync(embedded.TotalRequests,
            catalog => (string?)Find(catalog, DebugPath)["conformance"]!["state"] is not ("shadow" or "no-spec"));
        Assert.DoesNotContain(changed.Endpoints, e => e!["shadow"]!.GetValue<bool>());
        AssertResourcesFollow(stack, changed);
        await WaitForSpecStatusAsync(stack, changed, generation: 2);
        var noShadow = stack.Cluster.Kubectl.Run("get", "apiendpoints", "-A", "-l", $"{ApiSentinelLabels.Shadow}=true");
        Assert.Equal(0, noShadow.ExitCode);
        Assert.Contains("No resources found", noShadow.Stderr, StringComparison.Ordinal);

        // 3. Removed with kubectl: back to no spec at all.
        stack.Cluster.Kubectl.Ok("delete", "apispec", SpecName, "-n", FakeCluster.ShopNamespace);
        var removed = await stack.WaitUntilWrittenAsync(embedded.TotalRequests,
            catalog => catalog.Endpoints.All(e => (string?)e!["conformance"]!["state"] == "no-spec"));
        AssertResourcesFollow(stack, removed);
        Assert.All(stack.Cluster.ApiEndpoints(), r => Assert.Equal(ApiSentinelLabels.False, r.Metadata.Labels[ApiSentinelLabels.Shadow]));
        Assert.DoesNotContain(stack.Cluster.Requests(), r => r.IsRefusedAsInvalid);
    }

    /// <summary>Every resource's labels and status state are its catalog endpoint's.</summary>
    private static void AssertResourcesFollow(KubernetesStack stack, CatalogDocument catalog)
    {
        var resources = stack.Cluster.ApiEndpoints().ToDictionary(r => r.Metadata.Name, StringComparer.Ordinal);
        foreach (var endpoint in catalog.Endpoints.OfType<JsonObject>())
        {
            var resource = resources[(string)endpoint["identity"]!];
            string state = (string)endpoint["conformance"]!["state"]!;
            Assert.Equal(state, resource.Status!.Conformance!.State);
            Assert.Equal(state, resource.Metadata.Labels[ApiSentinelLabels.SpecState]);
            Assert.Equal(ApiSentinelLabels.Of(endpoint["shadow"]!.GetValue<bool>()), resource.Metadata.Labels[ApiSentinelLabels.Shadow]);
        }
    }

    /// <summary>The ApiSpec's status reaches the counts of <paramref name="catalog"/> for this generation of the spec.</summary>
    private static async Task WaitForSpecStatusAsync(KubernetesStack stack, CatalogDocument catalog, long generation)
    {
        long endpoints = catalog.Endpoints.Count;
        long shadow = catalog.Endpoints.Count(e => e!["shadow"]!.GetValue<bool>());
        long nonConformant = catalog.Endpoints.Count(e => (string?)e!["conformance"]!["state"] == "non-conformant");
        var spec = await Eventually.MatchAsync(() => Task.FromResult(stack.Cluster.ApiSpec(FakeCluster.ShopNamespace, SpecName)),
            found => found?.Status is { } s && s.ObservedGeneration == generation && s.Phase == ApiSpecPhases.Parsed &&
                s.Endpoints == endpoints && s.Shadow == shadow && s.NonConformant == nonConformant,
            $"the ApiSpec's status at generation {generation}: {endpoints} endpoints, {shadow} shadow, {nonConformant} non-conformant",
            stack.Describe);
        Assert.Equal(generation, spec!.Metadata.Generation);
        var parsed = Assert.Single(spec.Status!.Conditions!, c => c.Type == ApiSpecConditionTypes.Parsed);
        Assert.Equal("True", parsed.Status);
        Assert.Equal(generation, parsed.ObservedGeneration);
    }

    private static JsonObject Find(CatalogDocument catalog, string path) =>
        catalog.Find("GET", path, DemoHost) ?? throw new InvalidOperationException($"GET {path} not in the catalog:\n{catalog.Summary}");

    private static List<string> States(CatalogDocument catalog) =>
        [.. catalog.Endpoints.Select(e => $"{e!["method"]} {e["path"]} {e["conformance"]!["state"]}").Order(StringComparer.Ordinal)];

    /// <summary>The spec with the debug endpoint documented (a new path at the top of <c>paths:</c>).</summary>
    private static string WithDebugOperation(string document)
    {
        const string Paths = "paths:\n";
        int at = document.IndexOf(Paths, StringComparison.Ordinal);
        Assert.True(at >= 0, "the demo spec has no paths: section");
        return document.Insert(at + Paths.Length, $"""
              {DebugPath}:
                get:
                  operationId: debugConfig
                  responses:
                    "200": {"{"} description: the running configuration {"}"}

            """);
    }

    private static string ApiSpecManifest(string document)
    {
        string indented = string.Join('\n', document.TrimEnd().Split('\n').Select(line => "    " + line));
        return $"""
            apiVersion: {ApiSentinelApi.ApiVersion}
            kind: {V1Alpha1ApiSpec.KubeKind}
            metadata:
              name: {SpecName}
              namespace: {FakeCluster.ShopNamespace}
            spec:
              hosts: ["{DemoHost}"]
              document: |
            {indented}
            """;
    }
}
