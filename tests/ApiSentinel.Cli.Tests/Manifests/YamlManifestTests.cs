using System.Text.Json.Nodes;
using ApiSentinel.Cli.Output.Catalog;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Collector.Reports;
using ApiSentinel.Contract;
using ApiSentinel.Crds;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.Cli.Tests.Manifests;

/// <summary>
/// <c>analyze --format yaml</c> is the collector's projection, byte for byte in meaning: each manifest read back is
/// the projection's JSON, and every manifest is an object the ApiEndpoint CRD accepts.
/// </summary>
public sealed class YamlManifestTests
{
    private static readonly Lazy<CrdValidator> Validator = new(() =>
    {
        var crd = YamlJson.ParseAll(CrdManifests.Text(CrdManifests.ApiEndpoints)).Single(d => d is not null)!;
        return CrdValidator.For(crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject());
    });

    /// <summary>Text a YAML writer must quote: indicators, a document marker, a newline, non-ASCII, a long name.</summary>
    private static CatalogSnapshot Hostile()
    {
        var catalog = new ApiCatalog(new CatalogOptions());
        string[] names = ["- item", "key: value", "---", "#comment", "a\nb", "\"quoted\"", "ü&*!", "x".PadRight(600, 'y')];
        for (var i = 0; i < names.Length; i++)
        {
            catalog.Ingest(new ApiCall
            {
                TimestampMicros = 1_764_000_000_000_000 + i, ClientAddress = "203.0.113.9", Server = "192.0.2.10:80",
                Host = i % 2 == 0 ? "api.example.com" : "yes", Method = i % 3 == 0 ? "GET" : "PATCH", Path = "/items/" + i,
                Status = 200 + i, RequestHeaders = [names[i]], Query = [new FieldObservation(names[i], "string")],
                Sensitive = [new SensitiveObservation(SensitiveTypes.Email, "response.body.$." + names[i], 1)],
            });
        }
        return catalog.Build();
    }

    [Fact]
    public void Each_manifest_read_back_is_the_projections_json_and_validates_against_the_crd()
    {
        var snapshot = Hostile();
        var clients = new ClientDirectory(new ExposureClassifier(), geo: null);
        var yaml = new StringWriter();
        ApiEndpointManifestWriter.Write(yaml, snapshot, "shop", clients);

        var documents = YamlJson.ParseAll(yaml.ToString()).Where(d => d is not null).ToList();
        Assert.Equal(snapshot.Endpoints.Count, documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            var expected = JsonNode.Parse(ApiEndpointJson.Serialize(ApiEndpointProjection.Project(snapshot.Endpoints[i], "shop", clients, ProjectionBounds.Default)));
            Assert.True(JsonNode.DeepEquals(expected, documents[i]), $"manifest {i}:\n{documents[i]}\nprojection:\n{expected}");
            var errors = Validator.Value.Validate(documents[i]!.AsObject(), null);
            Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => e.Message)));
        }
    }

    [Fact]
    public void The_demo_manifests_the_command_prints_validate_against_the_crd()
    {
        var result = CliProcess.Run("analyze", "--pcap", Path.Combine(RepositoryPaths.Samples, "demo.pcap"),
            "--spec", Path.Combine(RepositoryPaths.Samples, "demo-api.openapi.yaml"), "--format", "yaml", "--namespace", "shop", "--quiet");
        Assert.Equal(0, result.ExitCode);
        var documents = YamlJson.ParseAll(result.Stdout).Where(d => d is not null).ToList();
        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            var errors = Validator.Value.Validate(document!.AsObject(), null);
            Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => e.Message)));
        }
    }
}
