using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.OpenApi;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

public sealed class OpenApiDocumentsTests
{
    private const string WidgetSchemaName = "com.example.widgets.v1.Widget";

    [Fact]
    public void V3Index_addresses_each_group_version_with_a_content_hash()
    {
        var index = OpenApiDocuments.V3Index(TestKinds.All());

        var paths = index["paths"]!.AsObject();
        Assert.Equal(["api/v1", $"apis/{TestKinds.Group}/v1alpha1", $"apis/{TestKinds.Group}/v1", $"apis/{TestKinds.Group}/v1beta2"],
            paths.Select(p => p.Key));
        var url = (string)paths[$"apis/{TestKinds.Group}/v1"]!["serverRelativeURL"]!;
        Assert.StartsWith($"/openapi/v3/apis/{TestKinds.Group}/v1?hash=", url, StringComparison.Ordinal);
    }

    [Fact]
    public void V3Index_hash_changes_when_a_schema_changes_and_only_for_that_group_version()
    {
        var before = OpenApiDocuments.V3Index(TestKinds.All())["paths"]!;
        var changed = TestKinds.All().Select(t => t.Version == "v1" && t.Group == TestKinds.Group ? TestKinds.Widget("v1", TestKinds.WidgetSchema("Changed.")) : t).ToList();
        var after = OpenApiDocuments.V3Index(changed)["paths"]!;

        Assert.NotEqual((string?)before[$"apis/{TestKinds.Group}/v1"]!["serverRelativeURL"], (string?)after[$"apis/{TestKinds.Group}/v1"]!["serverRelativeURL"]);
        Assert.Equal((string?)before["api/v1"]!["serverRelativeURL"], (string?)after["api/v1"]!["serverRelativeURL"]);
    }

    [Fact]
    public void V3GroupVersion_publishes_the_crd_schema_completed_with_apiVersion_kind_and_metadata()
    {
        var document = OpenApiDocuments.V3GroupVersion(TestKinds.All(), $"apis/{TestKinds.Group}/v1")!;

        var schemas = document["components"]!["schemas"]!.AsObject();
        var widget = schemas[WidgetSchemaName]!.AsObject();
        Assert.Equal("A widget the tests print.", (string?)widget["description"]);
        var gvk = Assert.Single(widget["x-kubernetes-group-version-kind"]!.AsArray())!;
        Assert.Equal((TestKinds.Group, "v1", "Widget"), ((string?)gvk["group"], (string?)gvk["version"], (string?)gvk["kind"]));
        var properties = widget["properties"]!.AsObject();
        Assert.Equal("string", (string?)properties["apiVersion"]!["type"]);
        Assert.Equal("string", (string?)properties["kind"]!["type"]);
        Assert.Equal("#/components/schemas/" + SchemaNames.ObjectMeta, (string?)properties["metadata"]!["allOf"]![0]!["$ref"]);
        Assert.Equal("Risk score from 0 to 100.", (string?)properties["status"]!["properties"]!["risk"]!["properties"]!["score"]!["description"]);
        Assert.True(schemas.ContainsKey("com.example.widgets.v1.WidgetList"));
        Assert.False(schemas.ContainsKey("com.example.widgets.v1alpha1.Widget"));
    }

    [Fact]
    public void Every_reference_in_a_v3_document_resolves_inside_it()
    {
        foreach (var path in new[] { "api/v1", $"apis/{TestKinds.Group}/v1", $"/openapi/v3/apis/{TestKinds.Group}/v1beta2" })
        {
            var document = OpenApiDocuments.V3GroupVersion(TestKinds.All(), path)!;
            var schemas = document["components"]!["schemas"]!.AsObject();
            var refs = References(document).ToList();
            Assert.NotEmpty(refs);
            Assert.All(refs, r => Assert.True(schemas.ContainsKey(r["#/components/schemas/".Length..]), $"{path}: {r} does not resolve"));
        }
    }

    [Fact]
    public void Patch_operations_name_their_kind_and_take_fieldValidation_so_kubectl_leaves_validation_to_the_server()
    {
        var document = OpenApiDocuments.V3GroupVersion(TestKinds.All(), $"apis/{TestKinds.Group}/v1")!;

        var item = document["paths"]![$"/apis/{TestKinds.Group}/v1/namespaces/{{namespace}}/widgets/{{name}}"]!;
        var patch = item["patch"]!;
        Assert.Equal("Widget", (string?)patch["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Equal("patch", (string?)patch["x-kubernetes-action"]);
        Assert.Contains(patch["parameters"]!.AsArray(), p => (string?)p!["name"] == "fieldValidation" && (string?)p["in"] == "query");
        Assert.NotNull(document["paths"]![$"/apis/{TestKinds.Group}/v1/namespaces/{{namespace}}/widgets/{{name}}/status"]);
        Assert.NotNull(document["paths"]![$"/apis/{TestKinds.Group}/v1/widgets"]!["get"]);
        Assert.NotNull(OpenApiDocuments.V3GroupVersion(TestKinds.All(), "api/v1")!["paths"]!["/api/v1/namespaces/{name}"]!["patch"]);
    }

    [Fact]
    public void V3GroupVersion_is_null_for_what_is_not_served()
    {
        Assert.Null(OpenApiDocuments.V3GroupVersion(TestKinds.All(), $"apis/{TestKinds.Group}/v2"));
        Assert.Null(OpenApiDocuments.V3GroupVersion(TestKinds.All(), "apis/nope.example.com/v1"));
        Assert.Null(OpenApiDocuments.V3GroupVersion(TestKinds.All(), "version"));
    }

    [Fact]
    public void V2_holds_every_kind_with_definitions_style_references_that_resolve()
    {
        var document = OpenApiDocuments.V2(TestKinds.All());

        Assert.Equal("2.0", (string?)document["swagger"]);
        var definitions = document["definitions"]!.AsObject();
        Assert.True(definitions.ContainsKey(WidgetSchemaName));
        Assert.True(definitions.ContainsKey("com.example.widgets.v1alpha1.Widget"));
        Assert.True(definitions.ContainsKey("io.k8s.api.core.v1.ConfigMap"));
        var refs = References(document).ToList();
        Assert.All(refs, r => Assert.True(definitions.ContainsKey(r["#/definitions/".Length..]), $"{r} does not resolve"));
        var parameter = document["paths"]![$"/apis/{TestKinds.Group}/v1/namespaces/{{namespace}}/widgets/{{name}}"]!["patch"]!["parameters"]![0]!;
        Assert.Equal("string", (string?)parameter["type"]);
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref")
                    {
                        yield return (string)value!;
                    }
                    foreach (var nested in References(value))
                    {
                        yield return nested;
                    }
                }
                break;
            case JsonArray array:
                foreach (var nested in array.SelectMany(References))
                {
                    yield return nested;
                }
                break;
        }
    }
}
