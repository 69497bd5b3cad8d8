using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.FakeApiServer.Tests.Schema;

/// <summary>The CustomResourceDefinition-level checks: names, versions, subresources, printer columns.</summary>
public sealed class CrdCheckTests
{
    private const string Realistic = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.io
        spec:
          group: example.io
          scope: Namespaced
          names:
            plural: widgets
            singular: widget
            kind: Widget
            listKind: WidgetList
            shortNames: [wd]
            categories: [examples]
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources:
              status: {}
            additionalPrinterColumns:
            - {name: Size, type: integer, jsonPath: .spec.size}
            - {name: Ports, type: string, jsonPath: '.spec.ports[0].name', priority: 1}
            - {name: Label, type: string, jsonPath: ".spec.labels['app']"}
            - {name: Ready, type: string, jsonPath: '.status.conditions[0].status'}
            - {name: Healthy, type: string, jsonPath: '.status.conditions[?(@.status=="True")].status'}
            - {name: Owner, type: string, jsonPath: .metadata.labels.owner}
            - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
            schema:
              openAPIV3Schema:
                type: object
                description: A widget.
                properties:
                  apiVersion: {type: string}
                  kind: {type: string}
                  metadata: {type: object}
                  spec:
                    type: object
                    description: The widget's wishes.
                    required: [size]
                    x-kubernetes-validations:
                    - rule: "!has(self.ports) || self.ports.all(p, p.port > 0)"
                      message: ports are positive
                    properties:
                      size: {type: integer, description: How big., minimum: 1, default: 1}
                      labels: {type: object, description: Labels., additionalProperties: {type: string}}
                      ports:
                        type: array
                        description: Ports.
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items:
                          type: object
                          description: One port.
                          required: [name]
                          properties:
                            name: {type: string, description: Its name.}
                            port: {type: integer, description: Its number., x-kubernetes-validations: [{rule: self == oldSelf, message: immutable}]}
                  status:
                    type: object
                    description: What was observed.
                    properties:
                      conditions:
                        type: array
                        description: Conditions.
                        items:
                          type: object
                          description: One condition.
                          properties:
                            status: {type: string, description: True or False.}
        """;

    private static JsonObject Crd() => Yaml.Object(Realistic);

    [Fact]
    public void A_realistic_crd_passes()
    {
        Assert.Equal([], StructuralSchema.CheckCrd(Crd()));
        Assert.Equal([], StructuralSchema.MissingDescriptions(Crd()["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject()));
    }

    [Theory]
    [InlineData("apiVersion", "apiextensions.k8s.io/v1beta1", "apiVersion: Unsupported value: \"apiextensions.k8s.io/v1beta1\"")]
    [InlineData("metadata.name", "widgets.other.io", "metadata.name: Invalid value: \"widgets.other.io\": must be spec.names.plural+\".\"+spec.group")]
    [InlineData("spec.group", "example", "spec.group: Invalid value: \"example\": should be a domain with at least one dot")]
    [InlineData("spec.scope", "Global", "spec.scope: Unsupported value: \"Global\"")]
    [InlineData("spec.names.plural", "Widgets", "spec.names.plural: Invalid value: \"Widgets\": a lowercase RFC 1123 label")]
    [InlineData("spec.names.kind", "widget", "spec.names.kind: Invalid value: \"widget\": must be a CamelCase name")]
    [InlineData("spec.names.listKind", "Widget", "spec.names.listKind: Invalid value: \"Widget\": kind and listKind may not be the same")]
    [InlineData("spec.versions.0.name", "V1", "spec.versions[0].name: Invalid value: \"V1\": must be a lowercase RFC 1123 label")]
    [InlineData("spec.versions.0.storage", "false", "spec.versions: Invalid value: 0: must have exactly one version marked as storage version")]
    [InlineData("spec.versions.0.additionalPrinterColumns.0.jsonPath", ".spec.sise", "spec.versions[0].additionalPrinterColumns[0].jsonPath: Invalid value: \".spec.sise\": the schema has no field sise here")]
    [InlineData("spec.versions.0.additionalPrinterColumns.0.jsonPath", "spec.size", "spec.versions[0].additionalPrinterColumns[0].jsonPath: Invalid value: \"spec.size\": must be a simple json path starting with .")]
    [InlineData("spec.versions.0.additionalPrinterColumns.0.jsonPath", ".spec.size[0]", "spec.versions[0].additionalPrinterColumns[0].jsonPath: Invalid value: \".spec.size[0]\": indexes a field that is not an array")]
    [InlineData("spec.versions.0.additionalPrinterColumns.0.type", "int", "spec.versions[0].additionalPrinterColumns[0].type: Unsupported value: \"int\"")]
    [InlineData("spec.versions.0.additionalPrinterColumns.0.priority", "-1", "spec.versions[0].additionalPrinterColumns[0].priority: Invalid value: -1: must be a non-negative integer")]
    [InlineData("spec.versions.0.additionalPrinterColumns.0.name", "Ports", "spec.versions[0].additionalPrinterColumns[1].name: Duplicate value: \"Ports\"")]
    [InlineData("spec.versions.0.subresources.status", "[]", "spec.versions[0].subresources.status: Invalid value: []: must be an object")]
    [InlineData("spec.versions.0.schema.openAPIV3Schema.properties.status.type", "string", "spec.versions[0].schema.openAPIV3Schema.properties[status].type: Invalid value: \"string\": must be object when the status subresource is enabled")]
    [InlineData("spec.versions.0.schema.openAPIV3Schema.properties.spec.properties.size.default", "0", "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[size].default: Invalid value: 0: default in body should be greater than or equal to 1")]
    [InlineData("spec.versions.0.schema.openAPIV3Schema.properties.spec.x-kubernetes-validations.0.rule", "self.portz.size() > 0", "spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: \"self.portz.size() > 0\": compilation failed: ERROR: <input>: undefined field 'portz'")]
    public void Rejects(string field, string value, string expected)
    {
        var crd = Crd();
        Set(crd, field, value);

        var problems = StructuralSchema.CheckCrd(crd);

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_schema_and_versions_are_reported()
    {
        var noSchema = Crd();
        noSchema["spec"]!["versions"]![0]!.AsObject().Remove("schema");
        var noVersions = Crd();
        noVersions["spec"]!.AsObject().Remove("versions");

        Assert.Contains("spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required", StructuralSchema.CheckCrd(noSchema));
        Assert.Contains(StructuralSchema.CheckCrd(noVersions), p => p.StartsWith("spec.versions: Invalid value", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_storage_versions_are_refused()
    {
        var crd = Crd();
        var second = crd["spec"]!["versions"]![0]!.DeepClone();
        second["name"] = "v1beta1";
        crd["spec"]!["versions"]!.AsArray().Add(second);

        Assert.Contains("spec.versions: Invalid value: 2: must have exactly one version marked as storage version", StructuralSchema.CheckCrd(crd));
    }

    [Fact]
    public void Transition_rules_under_lists_that_cannot_correlate_are_refused()
    {
        var crd = Crd();
        Set(crd, "spec.versions.0.schema.openAPIV3Schema.properties.spec.properties.ports.x-kubernetes-list-type", "atomic");
        crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["ports"]!.AsObject().Remove("x-kubernetes-list-map-keys");

        var problems = StructuralSchema.CheckCrd(crd);

        Assert.Contains(problems, p => p.Contains("oldSelf cannot be used on the uncorrelatable portion of the schema", StringComparison.Ordinal)
            && p.StartsWith("spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[ports].items.properties[port].x-kubernetes-validations[0].rule", StringComparison.Ordinal));
    }

    /// <summary>Sets a dotted path (numbers index arrays) to a YAML value.</summary>
    private static void Set(JsonObject root, string path, string yaml)
    {
        var parts = path.Split('.');
        JsonNode node = root;
        foreach (var part in parts[..^1])
        {
            node = int.TryParse(part, out var i) ? node[i]! : node[part]!;
        }
        var value = Yaml.Node($"v: {yaml}")!["v"]?.DeepClone();
        if (int.TryParse(parts[^1], out var last))
        {
            node[last] = value;
        }
        else
        {
            node[parts[^1]] = value;
        }
    }
}
