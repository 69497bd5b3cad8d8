using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.FakeApiServer.Tests.Schema;

/// <summary>Test shorthand: schemas and objects written as (flow) YAML.</summary>
internal static class Yaml
{
    public static JsonObject Object(string yaml) => (JsonObject)YamlJson.Parse(yaml)!;

    public static JsonNode? Node(string yaml) => YamlJson.Parse(yaml);

    /// <summary>A CRD root schema with <paramref name="field"/> as <c>spec.x</c>.</summary>
    public static JsonObject SpecX(string field) => Object($$"""
        type: object
        properties:
          spec:
            type: object
            properties:
              x: {{field}}
        """);

    /// <summary>An object whose <c>spec.x</c> is <paramref name="value"/> (YAML), or has no x when null.</summary>
    public static JsonObject WithX(string? value) => value is null
        ? Object("{apiVersion: apisentinel.io/v1alpha1, kind: T, metadata: {name: a}, spec: {}}")
        : Object($"{{apiVersion: apisentinel.io/v1alpha1, kind: T, metadata: {{name: a}}, spec: {{x: {value}}}}}");
}
