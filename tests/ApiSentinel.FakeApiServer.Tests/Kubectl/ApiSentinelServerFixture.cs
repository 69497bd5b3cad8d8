using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

/// <summary>
/// One fake API server with the repository's own CRDs (crds/*.yaml, registered as a user would apply them) and the
/// resources of <see cref="ApiSentinelManifests"/>, statuses written through the status subresource.
/// </summary>
public sealed class ApiSentinelServerFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("kubectl-apisentinel-");

    public const string ShadowEventName = "shop-get-users-id.shadow";

    /// <summary>The server's clock: stopped, so every age kubectl prints is exact.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    public FakeKubeApiServer Server { get; private set; } = null!;

    public string Kubeconfig { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeKubeApiServer.StartAsync(new FakeKubeOptions { Time = Time });
        await Server.RegisterCrdsFromDirectoryAsync(RepositoryPaths.Crds);
        await Server.ApplyManifestAsync(ApiSentinelManifests.Namespaces);
        await Server.ApplyManifestAsync(ApiSentinelManifests.EndpointObjects());
        await Server.ApplyManifestAsync(ApiSentinelManifests.SpecAndDefender);
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var lastSeen = Time.GetUtcNow().AddMinutes(-3);
        foreach (var endpoint in ApiSentinelManifests.Endpoints)
        {
            using var body = new StringContent(ApiSentinelManifests.EndpointStatus(endpoint, lastSeen), Encoding.UTF8);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
            using var response = await http.PatchAsync(
                $"/apis/{ApiSentinelManifests.ApiVersion}/namespaces/{endpoint.Namespace}/apiendpoints/{endpoint.Name}/status", body);
            Assert.True(response.IsSuccessStatusCode, $"status of {endpoint.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        await ReportShadowEndpointAsync();
        Kubeconfig = Server.WriteKubeconfig(_directory.FullName);
    }

    /// <summary>A core event whose involvedObject is the endpoint (uid included, which describe's lookup matches on).</summary>
    private async Task ReportShadowEndpointAsync()
    {
        var endpoint = Server.Get(ApiSentinelManifests.ApiVersion, "apiendpoints", "shop", "shop-get-users-id")!;
        var at = Time.GetUtcNow().AddSeconds(-30).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        await Server.ApplyManifestAsync($"""
            apiVersion: v1
            kind: Event
            metadata:
              name: {ShadowEventName}
              namespace: shop
            involvedObject:
              apiVersion: {ApiSentinelManifests.ApiVersion}
              kind: ApiEndpoint
              name: shop-get-users-id
              namespace: shop
              uid: {(string)endpoint["metadata"]!["uid"]!}
            reason: ShadowEndpoint
            message: GET /users/{"{id}"} on shop.example.com is in no published spec
            type: Warning
            count: 1
            source:
              component: apisentinel-collector
            firstTimestamp: "{at}"
            lastTimestamp: "{at}"
            """);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
