using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.FakeApiServer.Tests.Schema;

/// <summary>Malformed schemas and objects give problems or errors, never exceptions.</summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("{type: 5, properties: 3, items: x, enum: a, required: b, x-kubernetes-validations: c}")]
    [InlineData("{type: object, properties: {a: 5, b: [1], c: {type: [string]}}}")]
    [InlineData("{type: object, properties: {a: {type: string, pattern: 7, maxLength: x, minimum: y, default: {}}}}")]
    [InlineData("{type: object, properties: {a: {type: array, items: {type: object}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [1, {}]}}}")]
    [InlineData("{type: object, x-kubernetes-validations: [5, {rule: 7}, {rule: \"'\\\\UD800DC00'\"}, {rule: self, messageExpression: 3, fieldPath: 4, reason: 5}]}")]
    [InlineData("{type: object, properties: {a: {type: string, pattern: '(?<=a)b'}}}")]
    public void Garbage_schemas_are_reported_not_thrown(string yaml)
    {
        var schema = Yaml.Object(yaml);

        var problems = StructuralSchema.Check(schema);
        var validator = CrdValidator.For(schema);
        var obj = Yaml.Object("{a: [1, {b: 2}], b: x, c: null, metadata: 5}");
        validator.DefaultAndPrune(obj);
        validator.Validate(obj, Yaml.Object("{a: 1}"));

        Assert.NotEmpty(problems);
    }

    [Fact]
    public void A_crd_that_is_not_one_is_reported()
    {
        Assert.NotEmpty(StructuralSchema.CheckCrd(new JsonObject()));
        Assert.NotEmpty(StructuralSchema.CheckCrd(Yaml.Object("{apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, spec: {versions: [5, {name: v1, schema: 7}], names: 3}}")));
    }

    [Fact]
    public void Additional_properties_true_beside_properties_is_accepted() =>
        Assert.Empty(StructuralSchema.Check(Yaml.SpecX("{type: object, properties: {a: {type: string}}, additionalProperties: true}")));

    [Fact]
    public void Additional_properties_false_forbids_unpruned_keys()
    {
        var validator = CrdValidator.For(Yaml.SpecX("{type: object, additionalProperties: false}"));

        Assert.Equal("spec.x.a: Forbidden: spec.x.a in body is a forbidden property", Assert.Single(validator.Validate(Yaml.WithX("{a: 1}"), null)).Message);
    }

    [Fact]
    public void Deeply_nested_manifests_parse()
    {
        var yaml = string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', i * 2) + "a:\n")) + new string(' ', 200) + "b: 1\n";

        Assert.NotNull(YamlJson.Parse(yaml));
    }
}
