using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.FakeApiServer.Tests.Schema;

/// <summary>Each openAPIV3Schema keyword, valid and invalid, with the line kube-apiserver prints.</summary>
public sealed class KeywordValidationTests
{
    [Theory]
    // type
    [InlineData("{type: integer}", "7", null)]
    [InlineData("{type: integer}", "3.0", null)]
    [InlineData("{type: integer}", "abc", "spec.x: Invalid value: \"string\": spec.x in body must be of type integer: \"string\"")]
    [InlineData("{type: integer}", "1.5", "spec.x: Invalid value: \"number\": spec.x in body must be of type integer: \"number\"")]
    [InlineData("{type: number}", "2", null)]
    [InlineData("{type: string}", "5", "spec.x: Invalid value: \"integer\": spec.x in body must be of type string: \"integer\"")]
    [InlineData("{type: string}", "'5'", null)]
    [InlineData("{type: boolean}", "'true'", "spec.x: Invalid value: \"string\": spec.x in body must be of type boolean: \"string\"")]
    [InlineData("{type: object}", "[]", "spec.x: Invalid value: \"array\": spec.x in body must be of type object: \"array\"")]
    [InlineData("{type: array, items: {type: string}}", "{}", "spec.x: Invalid value: \"object\": spec.x in body must be of type array: \"object\"")]
    // nullable
    [InlineData("{type: string}", "null", "spec.x: Invalid value: \"null\": spec.x in body must be of type string: \"null\"")]
    [InlineData("{type: string, nullable: true}", "null", null)]
    // enum
    [InlineData("{type: string, enum: [DaemonSet, Sidecar]}", "Sidecar", null)]
    [InlineData("{type: string, enum: [DaemonSet, Sidecar]}", "Pod", "spec.x: Unsupported value: \"Pod\": supported values: \"DaemonSet\", \"Sidecar\"")]
    [InlineData("{type: integer, enum: [1, 2]}", "3", "spec.x: Unsupported value: 3: supported values: \"1\", \"2\"")]
    // pattern
    [InlineData("{type: string, pattern: '^[a-z]+$'}", "abc", null)]
    [InlineData("{type: string, pattern: '^[a-z]+$'}", "ABC", "spec.x: Invalid value: \"ABC\": spec.x in body should match '^[a-z]+$'")]
    // bounds
    [InlineData("{type: integer, maximum: 100}", "100", null)]
    [InlineData("{type: integer, maximum: 100}", "150", "spec.x: Invalid value: 150: spec.x in body should be less than or equal to 100")]
    [InlineData("{type: integer, maximum: 100, exclusiveMaximum: true}", "100", "spec.x: Invalid value: 100: spec.x in body should be less than 100")]
    [InlineData("{type: integer, minimum: 1}", "0", "spec.x: Invalid value: 0: spec.x in body should be greater than or equal to 1")]
    [InlineData("{type: number, minimum: 0, exclusiveMinimum: true}", "0", "spec.x: Invalid value: 0: spec.x in body should be greater than 0")]
    [InlineData("{type: number, maximum: 1.5}", "1.75", "spec.x: Invalid value: 1.75: spec.x in body should be less than or equal to 1.5")]
    [InlineData("{type: integer, multipleOf: 5}", "15", null)]
    [InlineData("{type: integer, multipleOf: 5}", "7", "spec.x: Invalid value: 7: spec.x in body should be a multiple of 5")]
    // lengths count code points
    [InlineData("{type: string, maxLength: 3}", "abc", null)]
    [InlineData("{type: string, maxLength: 3}", "abcd", "spec.x: Too long: may not be more than 3 bytes")]
    [InlineData("{type: string, maxLength: 3}", "äöü", null)]
    [InlineData("{type: string, maxLength: 1}", "'😀'", null)]
    [InlineData("{type: string, minLength: 2}", "a", "spec.x: Invalid value: \"a\": spec.x in body should be at least 2 chars long")]
    // items
    [InlineData("{type: array, maxItems: 1, items: {type: integer}}", "[1, 2]", "spec.x: Too many: 2: must have at most 1 item")]
    [InlineData("{type: array, maxItems: 2, items: {type: integer}}", "[1, 2, 3]", "spec.x: Too many: 3: must have at most 2 items")]
    [InlineData("{type: array, minItems: 2, items: {type: integer}}", "[1]", "spec.x: Invalid value: [1]: spec.x in body should have at least 2 items")]
    [InlineData("{type: array, items: {type: integer}}", "[1, a]", "spec.x[1]: Invalid value: \"string\": spec.x[1] in body must be of type integer: \"string\"")]
    // properties
    [InlineData("{type: object, additionalProperties: {type: integer}, maxProperties: 1}", "{a: 1, b: 2}", "spec.x: Too many: 2: must have at most 1 item")]
    [InlineData("{type: object, additionalProperties: {type: integer}, minProperties: 1}", "{}", "spec.x: Invalid value: {}: spec.x in body should have at least 1 properties")]
    [InlineData("{type: object, additionalProperties: {type: integer}}", "{a: x}", "spec.x.a: Invalid value: \"string\": spec.x.a in body must be of type integer: \"string\"")]
    [InlineData("{type: object, required: [port], properties: {port: {type: integer}}}", "{}", "spec.x.port: Required value")]
    [InlineData("{type: object, required: [port], properties: {port: {type: integer}}}", "{port: 80}", null)]
    // formats kube validates, and the ones it does not
    [InlineData("{type: string, format: date-time}", "'2026-12-03T14:00:00Z'", null)]
    [InlineData("{type: string, format: date-time}", "'2026-12-03T14:00:00.123456+01:00'", null)]
    [InlineData("{type: string, format: date-time}", "yesterday", "spec.x: Invalid value: \"yesterday\": spec.x in body must be of type date-time: \"yesterday\"")]
    [InlineData("{type: string, format: date}", "'2026-02-30'", "spec.x: Invalid value: \"2026-02-30\": spec.x in body must be of type date: \"2026-02-30\"")]
    [InlineData("{type: string, format: byte}", "aGVsbG8=", null)]
    [InlineData("{type: string, format: byte}", "'!!'", "spec.x: Invalid value: \"!!\": spec.x in body must be of type byte: \"!!\"")]
    [InlineData("{type: string, format: uri}", "'https://example.com/a'", null)]
    [InlineData("{type: string, format: uri}", "not a uri", "spec.x: Invalid value: \"not a uri\": spec.x in body must be of type uri: \"not a uri\"")]
    [InlineData("{type: string, format: ipv4}", "192.0.2.1", null)]
    [InlineData("{type: string, format: ipv4}", "192.0.2", "spec.x: Invalid value: \"192.0.2\": spec.x in body must be of type ipv4: \"192.0.2\"")]
    [InlineData("{type: string, format: uuid}", "0d2b2b1e-3c9a-4c57-9d6e-2f0e3f1a4b5c", null)]
    [InlineData("{type: integer, format: int32}", "99999999999", null)]
    [InlineData("{type: string, format: no-such-format}", "anything", null)]
    // x-kubernetes-int-or-string
    [InlineData("{x-kubernetes-int-or-string: true}", "8080", null)]
    [InlineData("{x-kubernetes-int-or-string: true}", "http", null)]
    [InlineData("{x-kubernetes-int-or-string: true}", "true", "spec.x: Invalid value: \"boolean\": spec.x in body must be of type integer-or-string: \"boolean\"")]
    // x-kubernetes-preserve-unknown-fields keeps anything and checks nothing
    [InlineData("{x-kubernetes-preserve-unknown-fields: true}", "{a: [1, {b: c}]}", null)]
    // list types
    [InlineData("{type: array, x-kubernetes-list-type: set, items: {type: string}}", "[a, b]", null)]
    [InlineData("{type: array, x-kubernetes-list-type: set, items: {type: string}}", "[a, b, a]", "spec.x[2]: Duplicate value: \"a\"")]
    [InlineData("{type: array, x-kubernetes-list-type: atomic, items: {type: string}}", "[a, a]", null)]
    [InlineData("{type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name], items: {type: object, required: [name], properties: {name: {type: string}, port: {type: integer}}}}",
        "[{name: a, port: 1}, {name: a, port: 2}]", "spec.x[1]: Duplicate value: {\"name\":\"a\"}")]
    [InlineData("{type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name, port], items: {type: object, required: [name, port], properties: {name: {type: string}, port: {type: integer}}}}",
        "[{name: a, port: 1}, {name: a, port: 2}]", null)]
    // value validations
    [InlineData("{type: integer, anyOf: [{minimum: 10}, {maximum: 0}]}", "12", null)]
    [InlineData("{type: integer, allOf: [{minimum: 10}]}", "5", "spec.x: Invalid value: 5: spec.x in body should be greater than or equal to 10")]
    [InlineData("{type: integer, oneOf: [{minimum: 0}, {minimum: 10}]}", "12", "spec.x: Invalid value: 12: spec.x in body must validate one and only one schema (oneOf)")]
    [InlineData("{type: string, not: {enum: [admin]}}", "admin", "spec.x: Invalid value: \"admin\": spec.x in body must not validate the schema (not)")]
    // embedded resources need their type meta
    [InlineData("{type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}", "{apiVersion: v1, kind: Pod}", null)]
    [InlineData("{type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}", "{apiVersion: v1}", "spec.x.kind: Required value: must not be empty")]
    public void Keyword_reports_what_kube_prints(string schema, string value, string? expected)
    {
        var validator = CrdValidator.For(Yaml.SpecX(schema));

        var errors = validator.Validate(Yaml.WithX(value), null);

        if (expected is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(expected, errors.Select(e => e.Message));
        }
    }

    [Fact]
    public void AnyOf_that_no_branch_satisfies_is_reported_with_the_branch_errors()
    {
        var validator = CrdValidator.For(Yaml.SpecX("{type: integer, anyOf: [{minimum: 10}, {maximum: 0}]}"));

        var messages = validator.Validate(Yaml.WithX("5"), null).Select(e => e.Message).ToList();

        Assert.Contains("spec.x: Invalid value: 5: spec.x in body must validate at least one schema (anyOf)", messages);
        Assert.Contains("spec.x: Invalid value: 5: spec.x in body should be greater than or equal to 10", messages);
    }

    [Theory]
    [InlineData("{type: integer, maximum: 1}", "2", FieldErrorTypes.Invalid, "spec.x")]
    [InlineData("{type: integer}", "a", FieldErrorTypes.TypeInvalid, "spec.x")]
    [InlineData("{type: string, enum: [a]}", "b", FieldErrorTypes.NotSupported, "spec.x")]
    [InlineData("{type: string, maxLength: 1}", "bb", FieldErrorTypes.TooLong, "spec.x")]
    [InlineData("{type: array, maxItems: 0, items: {type: string}}", "[a]", FieldErrorTypes.TooMany, "spec.x")]
    [InlineData("{type: array, x-kubernetes-list-type: set, items: {type: string}}", "[a, a]", FieldErrorTypes.Duplicate, "spec.x[1]")]
    [InlineData("{type: object, required: [a], properties: {a: {type: string}}}", "{}", FieldErrorTypes.Required, "spec.x.a")]
    public void Errors_carry_kube_reason_and_field(string schema, string value, string type, string path)
    {
        var error = Assert.Single(CrdValidator.For(Yaml.SpecX(schema)).Validate(Yaml.WithX(value), null));

        Assert.Equal(type, error.Type);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void A_value_of_the_wrong_type_gets_no_further_checks()
    {
        var validator = CrdValidator.For(Yaml.SpecX("{type: string, maxLength: 1, pattern: '^a$'}"));

        Assert.Single(validator.Validate(Yaml.WithX("[1, 2]"), null));
    }

    [Fact]
    public void Required_fields_of_the_root_are_reported_and_a_valid_object_passes()
    {
        var validator = CrdValidator.For(Yaml.Object("""
            type: object
            required: [spec]
            properties:
              spec: {type: object, properties: {mode: {type: string, enum: [DaemonSet, Sidecar]}}}
            """));

        Assert.Equal("spec: Required value", Assert.Single(validator.Validate(Yaml.Object("{apiVersion: v, kind: K, metadata: {name: a}}"), null)).Message);
        Assert.Empty(validator.Validate(Yaml.Object("{apiVersion: v, kind: K, metadata: {name: a}, spec: {mode: Sidecar}}"), null));
    }

    [Fact]
    public void Metadata_is_checked_only_for_name_and_generateName()
    {
        var validator = CrdValidator.For(Yaml.Object("""
            type: object
            properties:
              metadata:
                type: object
                properties:
                  name: {type: string, maxLength: 5}
            """));

        var tooLong = validator.Validate(Yaml.Object("{metadata: {name: abcdefgh, labels: {a: b}}}"), null);

        Assert.Equal("metadata.name: Too long: may not be more than 5 bytes", Assert.Single(tooLong).Message);
        Assert.Empty(validator.Validate(Yaml.Object("{metadata: {name: abc, labels: {a: b}, annotations: {x: y}}}"), null));
    }

    [Fact]
    public void Hostile_pattern_input_does_not_hang()
    {
        var validator = CrdValidator.For(Yaml.SpecX("{type: string, pattern: '^(a+)+$'}"));

        var errors = validator.Validate(Yaml.WithX(new string('a', 5000) + "!"), null);

        Assert.Single(errors);
    }
}
