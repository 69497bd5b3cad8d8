using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.FakeApiServer.Tests.Schema;

/// <summary>Schemas a real API server refuses, one rule each, and a realistic one it accepts.</summary>
public sealed class StructuralSchemaTests
{
    private const string Root = "openAPIV3Schema";
    private const string X = "openAPIV3Schema.properties[spec].properties[x]";

    [Theory]
    [InlineData("{}", X + ".type: Required value: must not be empty for specified object fields")]
    [InlineData("{type: strin}", X + ".type: Unsupported value: \"strin\": supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\"")]
    [InlineData("{type: object, properties: {a: {description: no type}}}", X + ".properties[a].type: Required value: must not be empty for specified object fields")]
    [InlineData("{type: array, items: {description: untyped}}", X + ".items.type: Required value: must not be empty for specified object fields")]
    [InlineData("{type: array}", X + ".items: Required value: must be specified")]
    [InlineData("{$ref: '#/definitions/a'}", X + ".$ref: Forbidden: $ref is not supported")]
    [InlineData("{type: object, definitions: {}}", X + ".definitions: Forbidden: definitions is not supported")]
    [InlineData("{type: object, dependencies: {}}", X + ".dependencies: Forbidden: dependencies is not supported")]
    [InlineData("{type: object, patternProperties: {}}", X + ".patternProperties: Forbidden: patternProperties is not supported")]
    [InlineData("{type: array, items: {type: string}, uniqueItems: true}", X + ".uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic")]
    [InlineData("{type: object, properties: {a: {type: string}}, additionalProperties: {type: string}}", X + ".additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive")]
    [InlineData("{type: array, items: [{type: string}]}", X + ".items: Forbidden: items must be a schema object and not an array")]
    [InlineData("{type: object, x-kubernetes-preserve-unknown-fields: false}", X + ".x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined")]
    [InlineData("{type: string, x-kubernetes-int-or-string: true}", X + ".type: Invalid value: \"string\": must be empty if x-kubernetes-int-or-string is true")]
    [InlineData("{type: string, x-kubernetes-embedded-resource: true}", X + ".type: Invalid value: \"string\": must be object if x-kubernetes-embedded-resource is true")]
    [InlineData("{type: object, x-kubernetes-embedded-resource: true}", X + ".properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields")]
    [InlineData("{type: string, properties: {a: {type: string}}}", X + ".properties: Forbidden: must be empty for type \"string\"")]
    [InlineData("{type: string, descripton: typo}", X + ": unknown field \"descripton\"")]
    [InlineData("{type: string, maxLength: -1}", X + ".maxLength: Invalid value: -1: must be a non-negative integer")]
    [InlineData("{type: integer, multipleOf: 0}", X + ".multipleOf: Invalid value: 0: must be greater than zero")]
    [InlineData("{type: string, pattern: '(a'}", X + ".pattern: Invalid value: \"(a\": must be a valid regular expression, but isn't:")]
    [InlineData("{type: string, pattern: '(a)\\1'}", X + ".pattern: Invalid value: \"(a)\\\\1\": must be a valid regular expression, but isn't:")]
    [InlineData("{type: object, required: [b], properties: {a: {type: string}}}", X + ".required: Invalid value: \"b\": is not a property")]
    // value validations may not carry structure
    [InlineData("{type: string, anyOf: [{type: string}]}", X + ".anyOf[0].type: Forbidden: must be empty to be structural")]
    [InlineData("{x-kubernetes-int-or-string: true, anyOf: [{type: boolean}]}", X + ".anyOf[0].type: Forbidden: must be empty to be structural")]
    [InlineData("{type: string, allOf: [{default: a}]}", X + ".allOf[0].default: Forbidden: must be undefined to be structural")]
    [InlineData("{type: string, not: {nullable: true}}", X + ".not.nullable: Forbidden: must be false to be structural")]
    [InlineData("{type: string, oneOf: [{x-kubernetes-validations: [{rule: 'true'}]}]}", X + ".oneOf[0].x-kubernetes-validations: Forbidden: must be empty to be structural")]
    // defaults
    [InlineData("{type: integer, maximum: 10, default: 20}", X + ".default: Invalid value: 20: default in body should be less than or equal to 10")]
    [InlineData("{type: string, default: 5}", X + ".default: Invalid value: \"integer\": default in body must be of type string: \"integer\"")]
    [InlineData("{type: object, properties: {a: {type: string}}, default: {a: x, b: y}}", X + ".default: Invalid value: {\"a\":\"x\",\"b\":\"y\"}: must not have unknown fields (they would be pruned)")]
    [InlineData("{type: object, default: {}, required: [mode], properties: {mode: {type: string}}}", X + ".default.mode: Required value")]
    [InlineData("{type: string, default: null}", X + ".default: Invalid value: null: must not be null unless nullable is true")]
    [InlineData("{type: integer, default: 0, x-kubernetes-validations: [{rule: self > 0, message: positive}]}", X + ".default: Invalid value: \"integer\": positive")]
    // list types
    [InlineData("{type: string, x-kubernetes-list-type: set}", X + ".x-kubernetes-list-type: Invalid value: \"set\": must only be used if type is array")]
    [InlineData("{type: array, items: {type: string}, x-kubernetes-list-type: bag}", X + ".x-kubernetes-list-type: Unsupported value: \"bag\": supported values: \"atomic\", \"map\", \"set\"")]
    [InlineData("{type: array, items: {type: object, properties: {n: {type: string}}}, x-kubernetes-list-type: map}", X + ".x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map")]
    [InlineData("{type: array, items: {type: object, properties: {n: {type: string}}}, x-kubernetes-list-map-keys: [n]}", X + ".x-kubernetes-list-map-keys: Forbidden: must be empty if x-kubernetes-list-type is not map")]
    [InlineData("{type: array, items: {type: string}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [n]}", X + ".items.type: Invalid value: \"string\": must be object if parent array's x-kubernetes-list-type is map")]
    [InlineData("{type: array, items: {type: object, properties: {n: {type: string}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [n]}", X + ".items.properties[n]: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property")]
    [InlineData("{type: array, items: {type: object, required: [n], properties: {n: {type: object}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [n]}", X + ".items.properties[n].type: Invalid value: \"object\": must be a scalar type if parent array's x-kubernetes-list-type is map")]
    [InlineData("{type: array, items: {type: object, required: [n], properties: {n: {type: string}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [m]}", X + ".x-kubernetes-list-map-keys[0]: Invalid value: \"m\": entries of x-kubernetes-list-map-keys must be properties of the items")]
    [InlineData("{type: object, x-kubernetes-map-type: sparse}", X + ".x-kubernetes-map-type: Unsupported value: \"sparse\": supported values: \"atomic\", \"granular\"")]
    // CEL rules
    [InlineData("{type: integer, x-kubernetes-validations: [{rule: 'self >'}]}", X + ".x-kubernetes-validations[0].rule: Invalid value: \"self >\": compilation failed: ERROR: <input>:1:")]
    [InlineData("{type: object, properties: {a: {type: string}}, x-kubernetes-validations: [{rule: has(self.b)}]}", X + ".x-kubernetes-validations[0].rule: Invalid value: \"has(self.b)\": compilation failed: ERROR: <input>: undefined field 'b'")]
    [InlineData("{type: object, properties: {a: {type: string}}, x-kubernetes-validations: [{rule: self.b.isSorted()}]}", X + ".x-kubernetes-validations[0].rule: Invalid value: \"self.b.isSorted()\": compilation failed: ERROR: <input>: undefined field 'b'")]
    [InlineData("{type: integer, x-kubernetes-validations: [{rule: self > 0, messageExpression: 'nope + 1'}]}", X + ".x-kubernetes-validations[0].messageExpression: Invalid value: \"nope + 1\": compilation failed:")]
    [InlineData("{type: string, x-kubernetes-validations: [{rule: self.size()}]}", X + ".x-kubernetes-validations[0].rule: Invalid value: \"self.size()\": compilation failed: cel expression must evaluate to a bool")]
    [InlineData("{type: string, x-kubernetes-validations: [{rule: self != '', messageExpression: self.size()}]}", X + ".x-kubernetes-validations[0].messageExpression: Invalid value: \"self.size()\": compilation failed: messageExpression must evaluate to a string")]
    [InlineData("{type: integer, x-kubernetes-validations: [{rule: ''}]}", X + ".x-kubernetes-validations[0].rule: Required value")]
    [InlineData("{type: integer, x-kubernetes-validations: [{rule: self > 0, reason: Because}]}", X + ".x-kubernetes-validations[0].reason: Unsupported value: \"Because\": supported values: \"FieldValueInvalid\", \"FieldValueForbidden\", \"FieldValueRequired\", \"FieldValueDuplicate\"")]
    [InlineData("{type: integer, x-kubernetes-validations: [{rule: self > 0, fieldPath: 'spec..x'}]}", X + ".x-kubernetes-validations[0].fieldPath: Invalid value: \"spec..x\": fieldPath must be a valid path")]
    [InlineData("{type: integer, x-kubernetes-validations: [{rule: self > 0, message: '  '}]}", X + ".x-kubernetes-validations[0].message: Invalid value: \"  \": message must be non-empty if specified")]
    public void Rejects(string field, string expected)
    {
        var problems = StructuralSchema.Check(Yaml.SpecX(field));

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{type: object}", Root + ".type: Required value: must not be empty at the root", "{properties: {}}")]
    [InlineData("{type: object}", Root + ".type: Invalid value: \"array\": must be object at the root", "{type: array, items: {type: string}}")]
    [InlineData("{type: object}", Root + ".properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified",
        "{type: object, properties: {metadata: {type: object, properties: {labels: {type: object}}}}}")]
    [InlineData("{type: object}", Root + ".properties[metadata].type: Invalid value: \"string\": must be object", "{type: object, properties: {metadata: {type: string}}}")]
    [InlineData("{type: object}", Root + ".properties[metadata].properties[name].type: Unsupported value: \"integer\": supported values: \"string\"",
        "{type: object, properties: {metadata: {type: object, properties: {name: {type: integer}}}}}")]
    [InlineData("{type: object}", Root + ".properties[metadata].default: Forbidden: must not be set in metadata",
        "{type: object, properties: {metadata: {type: object, properties: {name: {type: string, default: a}}}}}")]
    [InlineData("{type: object}", Root + ".x-kubernetes-validations[0].rule: Invalid value: \"has(self.metadata.labels)\": compilation failed: ERROR: <input>: undefined field 'labels'",
        "{type: object, properties: {metadata: {type: object}}, x-kubernetes-validations: [{rule: has(self.metadata.labels)}]}")]
    public void Rejects_at_the_root(string unused, string expected, string root)
    {
        _ = unused;
        var problems = StructuralSchema.Check(Yaml.Object(root));

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{x-kubernetes-int-or-string: true}")]
    [InlineData("{x-kubernetes-preserve-unknown-fields: true}")]
    [InlineData("{type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}")]
    [InlineData("{type: array, items: {type: string}, x-kubernetes-list-type: set}")]
    [InlineData("{type: object, additionalProperties: {type: string}, x-kubernetes-map-type: atomic}")]
    [InlineData("{type: string, anyOf: [{format: ipv4}, {format: ipv6}]}")]
    [InlineData("{x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}], pattern: '^[0-9]+(Mi|Gi)?$'}")]
    [InlineData("{x-kubernetes-int-or-string: true, allOf: [{anyOf: [{type: integer}, {type: string}]}, {maxLength: 5}]}")]
    [InlineData("{type: integer, default: 5, minimum: 1, x-kubernetes-validations: [{rule: self > 0}]}")]
    [InlineData("{type: object, default: {}, required: [mode], properties: {mode: {type: string, default: DaemonSet}}}")]
    [InlineData("{type: object, properties: {a: {type: string}}, x-kubernetes-validations: [{rule: 'self.a.isSorted()'}]}")]
    [InlineData("{type: array, items: {type: object, required: [n], properties: {n: {type: string}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [n]}")]
    [InlineData("{type: array, items: {type: object, properties: {n: {type: string, default: a}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [n]}")]
    public void Accepts(string field) => Assert.Empty(StructuralSchema.Check(Yaml.SpecX(field)));

    [Fact]
    public void Missing_descriptions_name_every_undescribed_property()
    {
        var schema = Yaml.Object("""
            type: object
            properties:
              apiVersion: {type: string}
              metadata: {type: object}
              spec:
                type: object
                description: What to capture.
                properties:
                  mode: {type: string, description: DaemonSet or Sidecar.}
                  ports:
                    type: array
                    items: {type: integer}
                  selector:
                    type: object
                    description: Pods.
                    properties:
                      app: {type: string}
            """);

        var missing = StructuralSchema.MissingDescriptions(schema);

        Assert.Equal(2, missing.Count);
        Assert.Contains(missing, m => m.StartsWith("openAPIV3Schema.properties[spec].properties[ports].description", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.StartsWith("openAPIV3Schema.properties[spec].properties[selector].properties[app].description", StringComparison.Ordinal));
    }
}
