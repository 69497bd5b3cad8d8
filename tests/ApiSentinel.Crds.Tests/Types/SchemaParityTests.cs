using System.Text.Json.Nodes;
using ApiSentinel.Crds.ApiEndpoints;
using ApiSentinel.Crds.ApiSpecs;
using ApiSentinel.Crds.Defenders;
using ApiSentinel.Crds.Tests.Manifests;

namespace ApiSentinel.Crds.Tests.Types;

/// <summary>
/// The C# types and the manifests cannot drift: every schema field has a C# property with the same JSON name and a
/// compatible type, and every C# property is in the schema — recursively, both ways, Kubernetes' own shapes
/// (conditions, selectors, resources) included.
/// </summary>
public sealed class SchemaParityTests
{
    public static TheoryData<string, Type> Resources => new()
    {
        { CrdManifests.ApiEndpoints, typeof(V1Alpha1ApiEndpoint) },
        { CrdManifests.ApiSpecs, typeof(V1Alpha1ApiSpec) },
        { CrdManifests.Defenders, typeof(V1Alpha1Defender) },
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_schema_field_has_a_CSharp_counterpart_and_every_CSharp_property_a_schema_field(string file, Type type)
    {
        var problems = SchemaParity.Compare(type, CrdDocument.Load(file).Schema);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void A_field_missing_from_either_side_or_of_another_type_is_reported()
    {
        var schema = CrdDocument.Load(CrdManifests.ApiEndpoints).Schema;
        var usage = schema["properties"]!["status"]!["properties"]!["usage"]!["properties"]!.AsObject();
        usage.Remove("noResponse");
        usage["requests"] = new JsonObject { ["type"] = "string", ["description"] = "drifted" };
        usage["retries"] = new JsonObject { ["type"] = "integer", ["description"] = "only in the schema" };

        var problems = SchemaParity.Compare(typeof(V1Alpha1ApiEndpoint), schema);

        Assert.Contains(".status.usage.noResponse: in ApiEndpointUsage, not in the schema", problems);
        Assert.Contains(".status.usage.requests: string in the schema, Int64 in C#", problems);
        Assert.Contains(".status.usage.retries: in the schema, not in ApiEndpointUsage", problems);
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void A_required_field_that_is_nullable_in_CSharp_is_reported()
    {
        var schema = CrdDocument.Load(CrdManifests.ApiEndpoints).Schema;
        schema["properties"]!["status"]!["properties"]!["conformance"]!["required"] = new JsonArray("state", "operationId");

        var problem = Assert.Single(SchemaParity.Compare(typeof(V1Alpha1ApiEndpoint), schema));

        Assert.Equal(".status.conformance.operationId: required in the schema, nullable in ApiEndpointConformance", problem);
    }
}
