using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

/// <summary>
/// One fake API server for a test class, with the widget CRD, two namespaces and three widgets whose status was
/// written through the status subresource (as a controller would), and a kubeconfig for the real kubectl.
/// </summary>
public sealed class WidgetServerFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("kubectl-widgets-");

    /// <summary>The server's clock: stopped, so every age kubectl prints is exact.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    public FakeKubeApiServer Server { get; private set; } = null!;

    public string Kubeconfig { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeKubeApiServer.StartAsync(new FakeKubeOptions { Time = Time });
        await Server.ApplyManifestAsync(WidgetManifests.Crd);
        await Server.ApplyManifestAsync(WidgetManifests.Namespaces);
        await Server.ApplyManifestAsync(WidgetManifests.Objects());
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        foreach (var widget in WidgetManifests.Widgets)
        {
            var status = new JsonObject { ["status"] = new JsonObject { ["risk"] = new JsonObject { ["score"] = widget.Score, ["level"] = widget.Level } } };
            using var body = new StringContent(status.ToJsonString(), Encoding.UTF8);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
            using var response = await http.PatchAsync($"/apis/widgets.example.com/v1/namespaces/{widget.Namespace}/widgets/{widget.Name}/status", body);
            response.EnsureSuccessStatusCode();
        }
        Kubeconfig = Server.WriteKubeconfig(_directory.FullName);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
