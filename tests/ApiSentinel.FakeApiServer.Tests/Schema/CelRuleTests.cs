using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.FakeApiServer.Tests.Schema;

/// <summary><c>x-kubernetes-validations</c> applied to writes: messages, reasons, field paths, transitions, skips.</summary>
public sealed class CelRuleTests
{
    private static CrdValidator Spec(string rules, string properties = "{min: {type: integer}, max: {type: integer}, name: {type: string}}") =>
        CrdValidator.For(Yaml.Object($$"""
            type: object
            properties:
              spec:
                type: object
                properties: {{properties}}
                x-kubernetes-validations: {{rules}}
            """));

    private static IReadOnlyList<string> Messages(CrdValidator validator, string spec, string? oldSpec = null) =>
        [.. validator.Validate(Yaml.Object($"{{spec: {spec}}}"), oldSpec is null ? null : Yaml.Object($"{{spec: {oldSpec}}}")).Select(e => e.Message)];

    [Fact]
    public void A_false_rule_reports_failed_rule_at_the_node_with_its_type()
    {
        var validator = Spec("[{rule: 'self.min <= self.max'}]");

        Assert.Empty(Messages(validator, "{min: 1, max: 2}"));
        Assert.Equal(["spec: Invalid value: \"object\": failed rule: self.min <= self.max"], Messages(validator, "{min: 3, max: 2}"));
    }

    [Fact]
    public void Message_and_message_expression_replace_the_default()
    {
        var withMessage = Spec("[{rule: 'self.min <= self.max', message: 'min must not exceed max'}]");
        var withExpression = Spec("[{rule: 'self.min <= self.max', message: fallback, messageExpression: \"'min ' + string(self.min) + ' exceeds max ' + string(self.max)\"}]");
        var brokenExpression = Spec("[{rule: 'self.min <= self.max', message: fallback, messageExpression: \"'x' + string(self.nope)\"}]");

        Assert.Equal(["spec: Invalid value: \"object\": min must not exceed max"], Messages(withMessage, "{min: 3, max: 2}"));
        Assert.Equal(["spec: Invalid value: \"object\": min 3 exceeds max 2"], Messages(withExpression, "{min: 3, max: 2}"));
        Assert.Equal(["spec: Invalid value: \"object\": fallback"], Messages(brokenExpression, "{min: 3, max: 2}"));
    }

    [Fact]
    public void Reason_and_field_path_shape_the_error()
    {
        var validator = Spec("[{rule: 'self.min <= self.max', message: too big, reason: FieldValueForbidden, fieldPath: .min}]");

        var error = Assert.Single(validator.Validate(Yaml.Object("{spec: {min: 3, max: 2}}"), null));

        Assert.Equal(FieldErrorTypes.Forbidden, error.Type);
        Assert.Equal("spec.min", error.Path);
        Assert.Equal("spec.min: Forbidden: too big", error.Message);
    }

    [Fact]
    public void An_evaluation_error_fails_the_rule_with_kube_wording()
    {
        var validator = Spec("[{rule: \"self.name == 'x'\"}]");

        Assert.Equal(["spec: Invalid value: \"object\": no such key: name evaluating rule: self.name == 'x'"], Messages(validator, "{min: 1}"));
    }

    [Fact]
    public void Mode_dependent_fields_use_has()
    {
        var validator = CrdValidator.For(Yaml.Object("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  mode: {type: string, enum: [DaemonSet, Sidecar]}
                  podSelector: {type: object, additionalProperties: {type: string}}
                x-kubernetes-validations:
                - rule: "self.mode != 'Sidecar' || has(self.podSelector)"
                  message: a Sidecar Defender needs a podSelector
            """));

        Assert.Empty(validator.Validate(Yaml.Object("{spec: {mode: DaemonSet}}"), null));
        Assert.Empty(validator.Validate(Yaml.Object("{spec: {mode: Sidecar, podSelector: {app: web}}}"), null));
        Assert.Equal("spec: Invalid value: \"object\": a Sidecar Defender needs a podSelector",
            Assert.Single(validator.Validate(Yaml.Object("{spec: {mode: Sidecar}}"), null)).Message);
    }

    [Fact]
    public void Rules_on_scalars_and_list_items_report_their_own_path_and_type()
    {
        var validator = CrdValidator.For(Yaml.SpecX("""
            {type: array, items: {type: integer, x-kubernetes-validations: [{rule: 'self > 0 && self < 65536', message: port out of range}]}}
            """));

        var error = Assert.Single(validator.Validate(Yaml.WithX("[80, 70000]"), null));

        Assert.Equal("spec.x[1]: Invalid value: \"integer\": port out of range", error.Message);
    }

    [Fact]
    public void A_rule_on_the_root_reports_the_nil_path()
    {
        var validator = CrdValidator.For(Yaml.Object("""
            type: object
            x-kubernetes-validations: [{rule: "self.metadata.name.startsWith('ep-')"}]
            properties: {metadata: {type: object}}
            """));

        Assert.Equal("<nil>: Invalid value: \"object\": failed rule: self.metadata.name.startsWith('ep-')",
            Assert.Single(validator.Validate(Yaml.Object("{metadata: {name: x}}"), null)).Message);
        Assert.Empty(validator.Validate(Yaml.Object("{metadata: {name: ep-x}}"), null));
    }

    [Fact]
    public void Transition_rules_run_on_update_only_and_only_where_the_old_value_exists()
    {
        var validator = Spec("[{rule: 'self.name == oldSelf.name', message: name is immutable}]");

        Assert.Empty(Messages(validator, "{name: a}"));
        Assert.Empty(Messages(validator, "{name: a}", "{name: a}"));
        Assert.Equal(["spec: Invalid value: \"object\": name is immutable"], Messages(validator, "{name: b}", "{name: a}"));
        var nested = CrdValidator.For(Yaml.Object("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  id: {type: string, x-kubernetes-validations: [{rule: self == oldSelf, message: immutable}]}
            """));
        Assert.Empty(nested.Validate(Yaml.Object("{spec: {id: b}}"), Yaml.Object("{spec: {}}")));
        Assert.Single(nested.Validate(Yaml.Object("{spec: {id: b}}"), Yaml.Object("{spec: {id: a}}")));
    }

    [Fact]
    public void Map_list_entries_correlate_with_the_old_list_by_key()
    {
        var validator = CrdValidator.For(Yaml.Object("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  x:
                    type: array
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name]
                    items:
                      type: object
                      required: [name]
                      properties: {name: {type: string}, port: {type: integer}}
                      x-kubernetes-validations: [{rule: self.port >= oldSelf.port, message: ports only grow}]
            """));

        var ok = validator.Validate(Yaml.WithX("[{name: b, port: 1}, {name: a, port: 9}]"), Yaml.WithX("[{name: a, port: 8}]"));
        var shrunk = validator.Validate(Yaml.WithX("[{name: b, port: 1}, {name: a, port: 7}]"), Yaml.WithX("[{name: a, port: 8}]"));

        Assert.Empty(ok);
        Assert.Equal("spec.x[1]: Invalid value: \"object\": ports only grow", Assert.Single(shrunk).Message);
    }

    [Fact]
    public void Rules_do_not_run_on_null()
    {
        var validator = CrdValidator.For(Yaml.SpecX("{type: string, nullable: true, x-kubernetes-validations: [{rule: self.size() > 3}]}"));

        Assert.Empty(validator.Validate(Yaml.WithX("null"), null));
        Assert.Single(validator.Validate(Yaml.WithX("ab"), null));
    }

    [Fact]
    public void Unsupported_rules_are_skipped_once_and_never_fail_the_object()
    {
        var validator = Spec("[{rule: 'self.min <= self.max'}, {rule: '[self.min, self.max].isSorted()'}]");

        Assert.Empty(Messages(validator, "{min: 1, max: 2}"));
        Assert.Single(Messages(validator, "{min: 3, max: 2}"));
        var skipped = Assert.Single(validator.SkippedRules);
        Assert.StartsWith("[self.min, self.max].isSorted()", skipped, StringComparison.Ordinal);
        Assert.Contains("isSorted", skipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Int_or_string_values_are_dynamic_in_rules()
    {
        var validator = CrdValidator.For(Yaml.SpecX("{x-kubernetes-int-or-string: true, x-kubernetes-validations: [{rule: \"string(self).endsWith('%') || int(string(self)) >= 0\"}, {rule: \"string(self) != '0'\"}]}"));

        Assert.Empty(validator.Validate(Yaml.WithX("'50%'"), null));
        Assert.Equal("spec.x: Invalid value: \"\": failed rule: string(self) != '0'", Assert.Single(validator.Validate(Yaml.WithX("'0'"), null)).Message);
    }

    [Fact]
    public void Unchanged_values_are_ratcheted_but_transition_rules_still_run()
    {
        var validator = CrdValidator.For(Yaml.Object("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  name: {type: string, maxLength: 3}
                  other: {type: integer}
                  level: {type: integer, x-kubernetes-validations: [{rule: self > oldSelf, message: must grow}]}
            """));
        var stored = Yaml.Object("{spec: {name: abcd, level: 1}}");

        Assert.Single(validator.Validate(Yaml.Object("{spec: {name: abcd, level: 2}}"), null));
        Assert.Empty(validator.Validate(Yaml.Object("{spec: {name: abcd, other: 1, level: 2}}"), stored));
        Assert.Equal(["spec.name: Too long: may not be more than 3 bytes"],
            validator.Validate(Yaml.Object("{spec: {name: abcde, level: 2}}"), stored).Select(e => e.Message));
        Assert.Equal(["spec.level: Invalid value: \"integer\": must grow"],
            validator.Validate(Yaml.Object("{spec: {name: abcd, level: 1, other: 5}}"), stored).Select(e => e.Message));
    }
}
