using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.ClientSets;
using k8s.Models;

namespace ApiSentinel.FakeApiServer.Tests.Server;

/// <summary>The same semantics through the client the collector uses, configured from the server's kubeconfig.</summary>
public sealed class KubernetesClientTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fakekube-client-");

    [Fact]
    public async Task Typed_built_ins_round_trip_and_a_stale_update_is_a_409_HttpOperationException()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = Client(server);

        var namespaces = await client.CoreV1.ListNamespaceAsync();
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm", Labels = new Dictionary<string, string> { ["app"] = "web" } }, Data = new Dictionary<string, string> { ["k"] = "v" } },
            "default");
        created.Data["k"] = "w";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "cm", "default");
        created.Data["k"] = "stale";
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "cm", "default"));
        var selected = await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "app=web");

        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Equal("w", Assert.Single(selected.Items).Data["k"]);
    }

    [Fact]
    public async Task Custom_objects_apply_with_a_field_manager_and_conflicts_need_force()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        await server.ApplyManifestAsync(TestCrds.Yaml);
        using var client = Client(server);

        var applied = await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(Api.Widget("w", size: 2).ToJsonString(), V1Patch.PatchType.ApplyPatch), TestCrds.Group, "v1", "default", TestCrds.Widgets, "w", fieldManager: "sink");
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"size":5}}""", V1Patch.PatchType.MergePatch), TestCrds.Group, "v1", "default", TestCrds.Widgets, "w", fieldManager: "someone");
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(Api.Widget("w", size: 3).ToJsonString(), V1Patch.PatchType.ApplyPatch), TestCrds.Group, "v1", "default", TestCrds.Widgets, "w", fieldManager: "sink"));
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(Api.Widget("w", size: 3).ToJsonString(), V1Patch.PatchType.ApplyPatch), TestCrds.Group, "v1", "default", TestCrds.Widgets, "w", fieldManager: "sink", force: true);

        Assert.NotNull(applied);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Equal(3, server.Get(TestCrds.ApiVersion, TestCrds.Widgets, "default", "w")!["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_client_watch_sees_changes_made_after_it_started()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = Client(server);
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<(WatchEventType, string)>();
        var watching = Task.Run(async () =>
        {
            var events = new ClientSet(client).CoreV1.ConfigMap.WatchListAsync("default", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: stop.Token);
            await foreach (var (type, item) in events)
            {
                seen.Add((type, item.Metadata.Name));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        }, stop.Token);

        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "w" } }, "default");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("w", "default");
        await watching;

        Assert.Equal([(WatchEventType.Added, "w"), (WatchEventType.Deleted, "w")], seen);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private Kubernetes Client(FakeKubeApiServer server) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.WriteKubeconfig(_dir.FullName)));
}
