using System.Net;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Server;

/// <summary>A CRD whose schema declares metadata (as ours do) still stores every ObjectMeta member a client sets.</summary>
public sealed class MetadataPruningTests
{
    private const string Things = "/apis/test.apisentinel.io/v1/namespaces/default/things";

    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: things.test.apisentinel.io
        spec:
          group: test.apisentinel.io
          scope: Namespaced
          names: {kind: Thing, plural: things}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  metadata: {type: object}
                  spec: {type: object, properties: {a: {type: string}}}
        """;

    [Fact]
    public async Task Labels_annotations_finalizers_and_owners_survive_a_schema_that_declares_metadata()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await server.ApplyManifestAsync(Crd);
        var thing = new JsonObject
        {
            ["apiVersion"] = "test.apisentinel.io/v1",
            ["kind"] = "Thing",
            ["metadata"] = new JsonObject
            {
                ["name"] = "t",
                ["labels"] = new JsonObject { ["apisentinel.io/risk"] = "high" },
                ["annotations"] = new JsonObject { ["note"] = "kept" },
                ["finalizers"] = new JsonArray("apisentinel.io/cleanup"),
                ["unknownMember"] = "dropped",
            },
            ["spec"] = new JsonObject { ["a"] = "x" },
        };

        var (code, created) = await api.PostAsync(Things, thing);

        Assert.Equal(HttpStatusCode.Created, code);
        var metadata = created["metadata"]!;
        Assert.Equal("high", metadata["labels"]!["apisentinel.io/risk"]!.GetValue<string>());
        Assert.Equal("kept", metadata["annotations"]!["note"]!.GetValue<string>());
        Assert.Equal("apisentinel.io/cleanup", metadata["finalizers"]![0]!.GetValue<string>());
        Assert.NotNull(metadata["uid"]);
        Assert.NotNull(metadata["managedFields"]);
        Assert.Null(metadata["unknownMember"]);
    }
}
