namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

/// <summary>
/// The real kubectl writing through the fake server (a server of its own, so the listing tests keep seeing the same
/// objects): server-side apply with kubectl's field manager and field validation left to the server.
/// </summary>
public sealed class KubectlApplyTests(WidgetServerFixture fixture) : IClassFixture<WidgetServerFixture>, IDisposable
{
    private readonly KubectlRunner _kubectl = new(fixture.Kubeconfig);

    [Fact]
    public async Task Server_side_apply_creates_and_then_changes_an_object_owned_by_kubectl()
    {
        const string manifest = """
            apiVersion: widgets.example.com/v1
            kind: Widget
            metadata:
              name: applied
              namespace: scratch
            spec:
              color: COLOR
            """;

        Assert.Contains("widget.widgets.example.com/applied serverside-applied",
            (await _kubectl.RunWithInputAsync(manifest.Replace("COLOR", "teal", StringComparison.Ordinal), "apply", "--server-side", "-f", "-")).Succeeded(), StringComparison.Ordinal);
        (await _kubectl.RunWithInputAsync(manifest.Replace("COLOR", "black", StringComparison.Ordinal), "apply", "--server-side", "-f", "-")).Succeeded();

        var stored = fixture.Server.Get("widgets.example.com/v1", "widgets", WidgetManifests.ScratchNamespace, "applied")!;
        Assert.Equal("black", (string?)stored["spec"]!["color"]);
        Assert.Equal(2L, (long)stored["metadata"]!["generation"]!);
        var manager = Assert.Single(stored["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("kubectl", (string?)manager["manager"]);
        Assert.Equal("Apply", (string?)manager["operation"]);
        var patch = fixture.Server.Requests.All.Last(r => r.Path.EndsWith("/widgets/applied", StringComparison.Ordinal));
        Assert.Contains("fieldValidation=Strict", patch.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_side_apply_of_an_invalid_object_is_refused_with_the_schema_error()
    {
        const string manifest = """
            apiVersion: widgets.example.com/v1
            kind: Widget
            metadata:
              name: broken
              namespace: scratch
            spec:
              color: 12
            """;

        var result = await _kubectl.RunWithInputAsync(manifest, "apply", "--server-side", "-f", "-");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("spec.color", result.Stderr, StringComparison.Ordinal);
        Assert.Null(fixture.Server.Get("widgets.example.com/v1", "widgets", WidgetManifests.ScratchNamespace, "broken"));
    }

    public void Dispose() => _kubectl.Dispose();
}
