using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema;
using ApiSentinel.FakeApiServer.Schema.Cel;

namespace ApiSentinel.FakeApiServer.Tests.Schema;

/// <summary>The CEL subset's grammar and semantics: precedence, literals, error absorption, macros, functions.</summary>
public sealed class CelEvaluationTests
{
    private static object? Run(string expression, string? self = null)
    {
        var program = CelProgram.Compile(expression, null);
        var result = program.Evaluate(self is null ? null : Yaml.Node(self), null, null, out var error);
        Assert.Null(error);
        return result;
    }

    private static string RunError(string expression, string? self = null)
    {
        var program = CelProgram.Compile(expression, null);
        program.Evaluate(self is null ? null : Yaml.Node(self), null, null, out var error);
        Assert.NotNull(error);
        return error;
    }

    /// <summary>Both sides are CEL; equal value and equal type (7 is not 7u nor 7.0).</summary>
    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("7 / 2", "3")]
    [InlineData("-7 / 2", "-3")]
    [InlineData("7 % 3", "1")]
    [InlineData("-(3)", "-3")]
    [InlineData("-9223372036854775808", "-9223372036854775807 - 1")]
    [InlineData("1u + 2u", "3u")]
    [InlineData("2.5 * 2.0", "5.0")]
    [InlineData("1e3", "1000.0")]
    [InlineData("0x10", "16")]
    [InlineData("dyn(1) == 1.0", "true")]
    [InlineData("1 < 1.5", "true")]
    [InlineData("2u > 1", "true")]
    [InlineData("'a' < 'b'", "true")]
    [InlineData("1 + 2 == 3 && 2 < 3 || false", "true")]
    [InlineData("!false && false", "false")]
    [InlineData("!!true", "true")]
    [InlineData("1 in [1] == true", "true")]
    [InlineData("true ? 1 : 2", "1")]
    [InlineData("false ? 1 : true ? 2 : 3", "2")]
    [InlineData("true || 1 / 0 == 1", "true")]
    [InlineData("1 / 0 == 1 || true", "true")]
    [InlineData("false && 1 / 0 == 1", "false")]
    [InlineData("1 / 0 == 1 && false", "false")]
    [InlineData("'\\x41\\u00e9\\101' + \"\\\"\"", "'Aé' + 'A\"'")]
    [InlineData("size(r'\\n')", "2")]
    [InlineData("'''a\nb'''", "'a\\nb'")]
    [InlineData("b'abc'.size()", "3")]
    [InlineData("size('héllo')", "5")]
    [InlineData("'héllo'.size()", "5")]
    [InlineData("'abc'.startsWith('a') && 'abc'.endsWith('c') && 'abc'.contains('b')", "true")]
    [InlineData("'abc'.matches('^a.c$')", "true")]
    [InlineData("matches('ABC', '^a')", "false")]
    [InlineData("'AbÇ'.lowerAscii()", "'abÇ'")]
    [InlineData("'abc'.upperAscii()", "'ABC'")]
    [InlineData("'  x '.trim()", "'x'")]
    [InlineData("'a,b,c'.split(',')", "['a', 'b', 'c']")]
    [InlineData("['a', 'b'].join('-')", "'a-b'")]
    [InlineData("'hello'.substring(1, 3)", "'el'")]
    [InlineData("'hello'.indexOf('l')", "2")]
    [InlineData("int('42') + 1", "43")]
    [InlineData("int(2.9)", "2")]
    [InlineData("string(42) + string(true)", "'42true'")]
    [InlineData("double(1)", "1.0")]
    [InlineData("uint(5)", "5u")]
    [InlineData("[1, 2] + [3]", "[1, 2, 3]")]
    [InlineData("size([1, 2])", "2")]
    [InlineData("{'a': 1}['a']", "1")]
    [InlineData("'a' in {'a': 1}", "true")]
    [InlineData("3 in [1, 2]", "false")]
    [InlineData("[1, 2, 3].all(x, x > 0)", "true")]
    [InlineData("[1, 2, 3].exists(x, x > 2)", "true")]
    [InlineData("[1, 2, 3].exists_one(x, x > 1)", "false")]
    [InlineData("[1, 2, 3].map(x, x * 2)", "[2, 4, 6]")]
    [InlineData("[1, 2, 3].map(x, x > 1, x * 10)", "[20, 30]")]
    [InlineData("[1, 2, 3].filter(x, x % 2 == 1)", "[1, 3]")]
    [InlineData("{'a': 1, 'bb': 2}.all(k, k.size() <= 2)", "true")]
    [InlineData("{'a': 1, 'bb': 2}.filter(k, k.size() == 2)", "['bb']")]
    [InlineData("[0, -1].all(x, 1 / x > 0)", "false")]
    [InlineData("[0, 1].exists(x, 1 / x > 0)", "true")]
    [InlineData("[[1, 2], [3]].all(l, l.all(x, x > 0))", "true")]
    [InlineData("[1, 2,].size()", "2")]
    [InlineData("null == null", "true")]
    public void Evaluates_like_cel(string expression, string expected)
    {
        var actual = Run(expression);
        var wanted = Run(expected);

        Assert.True(CelValues.Equal(actual, wanted) && CelValues.TypeName(actual) == CelValues.TypeName(wanted),
            $"{expression} gave {CelValues.TypeName(actual)} {CelValues.Format(actual)}, expected {CelValues.TypeName(wanted)} {CelValues.Format(wanted)}");
    }

    [Theory]
    [InlineData("9223372036854775807 + 1", "integer overflow")]
    [InlineData("-9223372036854775807 - 2", "integer overflow")]
    [InlineData("4611686018427387904 * 2", "integer overflow")]
    [InlineData("0u - 1u", "integer overflow")]
    [InlineData("1 / 0", "division by zero")]
    [InlineData("1 % 0", "modulus by zero")]
    [InlineData("dyn(1) + 1.0", "no such overload")]
    [InlineData("dyn('a') < 1", "no such overload")]
    [InlineData("{'a': 1}['b']", "no such key: b")]
    [InlineData("[1][5]", "index out of bounds: 5")]
    [InlineData("int('x')", "cannot convert")]
    [InlineData("1 / 0 == 1 && true", "division by zero")]
    [InlineData("[1, 0].all(x, 1 / x > 0)", "division by zero")]
    [InlineData("[0].exists_one(x, 1 / x > 0)", "division by zero")]
    [InlineData("dyn(1) ? 2 : 3", "no such overload")]
    [InlineData("{'a': 1, 'a': 2}", "repeated key")]
    public void Evaluation_errors_are_values_with_cel_messages(string expression, string expected) =>
        Assert.Contains(expected, RunError(expression), StringComparison.Ordinal);

    [Theory]
    [InlineData("1 +")]
    [InlineData("(1")]
    [InlineData("'unterminated")]
    [InlineData("self.a(")]
    [InlineData("1 2")]
    [InlineData("'\\q'")]
    [InlineData("9223372036854775808")]
    [InlineData("has(self)")]
    [InlineData("foo == 1")]
    [InlineData("[1].all(1, true)")]
    public void Malformed_rules_do_not_compile(string expression) =>
        Assert.Throws<CelSyntaxException>(() => CelProgram.Compile(expression, null));

    [Theory]
    [InlineData("self.items.isSorted()")]
    [InlineData("url('https://a').getHost() == 'a'")]
    [InlineData("quantity('1Gi').isGreaterThan(quantity('1Mi'))")]
    [InlineData("self.all(k, v, v > 0)")]
    [InlineData("type(self) == type(1)")]
    public void Functions_outside_the_subset_are_unsupported(string expression) =>
        Assert.Throws<CelUnsupportedException>(() => CelProgram.Compile(expression, null));

    [Fact]
    public void Has_tests_presence_and_selection_fails_on_absence()
    {
        Assert.Equal(true, Run("has(self.a)", "{a: 1}"));
        Assert.Equal(false, Run("has(self.b)", "{a: 1}"));
        Assert.Equal("no such key: b", RunError("self.b == 1", "{a: 1}"));
        Assert.Equal(false, Run("has(self.b) && self.b == 1", "{a: 1}"));
    }

    [Fact]
    public void Numbers_follow_the_schema_type()
    {
        var schema = SchemaNode.Parse(Yaml.Object("{type: object, properties: {i: {type: integer}, n: {type: number}}}"));
        var program = CelProgram.Compile("self.i == 2 && self.n / 2.0 == 1.0 && self.i + 1 == 3", schema);

        var result = program.Evaluate(Yaml.Node("{i: 2, n: 2}"), schema, null, out var error);

        Assert.Null(error);
        Assert.Equal(true, result);
    }

    [Fact]
    public void Oldself_is_bound_for_transition_rules()
    {
        var program = CelProgram.Compile("self >= oldSelf", null);

        Assert.True(program.IsTransitionRule);
        Assert.Equal(false, program.Evaluate(JsonValue.Create(1), null, JsonValue.Create(2), out _));
        Assert.Equal(true, program.Evaluate(JsonValue.Create(3), null, JsonValue.Create(2), out _));
        Assert.False(CelProgram.Compile("self > 0", null).IsTransitionRule);
    }

    [Fact]
    public void Escaped_property_names_resolve()
    {
        var schema = SchemaNode.Parse(Yaml.Object("{type: object, properties: {x-y: {type: integer}, namespace: {type: string}}}"));

        var result = CelProgram.Compile("self.x__dash__y == 1 && self.__namespace__ == 'n'", schema).Evaluate(Yaml.Node("{x-y: 1, namespace: n}"), schema, null, out var error);

        Assert.Null(error);
        Assert.Equal(true, result);
    }

    [Theory]
    [InlineData("self.nope == 1", "undefined field 'nope'")]
    [InlineData("self.spec.port.x == 1", "does not support field selection")]
    [InlineData("self.spec.ports.all(p, p.nmae == 'a')", "undefined field 'nmae'")]
    [InlineData("has(self.spec.missing)", "undefined field 'missing'")]
    [InlineData("self.spec.port == 'a'", "found no matching overload for '_==_' applied to '(int, string)'")]
    [InlineData("self.spec.port + 1.5 > 0", "found no matching overload for '_+_' applied to '(int, double)'")]
    [InlineData("self.spec.port && true", "found no matching overload for '_&&_' applied to '(int, bool)'")]
    [InlineData("self.spec.ports.all(p, p.name)", "found no matching overload for 'all' applied to '(string)'")]
    [InlineData("self.spec.ports.exists(p, p.name.size() > 'a')", "found no matching overload for '_>_' applied to '(int, string)'")]
    [InlineData("!self.spec.port", "found no matching overload for '!_' applied to '(int)'")]
    [InlineData("self.spec.port.all(p, true)", "found no matching overload for 'all' applied to '(int)'")]
    public void Unknown_fields_and_mistyped_operands_are_compile_errors(string rule, string expected)
    {
        var schema = SchemaNode.Parse(Yaml.Object("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  port: {type: integer}
                  ports: {type: array, items: {type: object, properties: {name: {type: string}}}}
            """));

        var ex = Assert.Throws<CelSyntaxException>(() => CelProgram.Compile(rule, schema));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("self.spec.port < 1.5")]
    [InlineData("self.spec.port == dyn('a') || true")]
    [InlineData("self.spec.ports.map(p, p.name).all(n, n.size() > 0)")]
    [InlineData("self.spec.ports.all(p, !has(p.name) || p.name.startsWith('a'))")]
    [InlineData("self.spec.labels.all(k, k.size() < 64 && self.spec.labels[k] != '')")]
    [InlineData("self.spec.when != null && self.spec.any == 1 && self.spec.size == 'x'")]
    public void Well_typed_rules_compile(string rule) => CelProgram.Compile(rule, SchemaNode.Parse(Yaml.Object("""
        type: object
        properties:
          spec:
            type: object
            properties:
              port: {type: integer}
              ports: {type: array, items: {type: object, properties: {name: {type: string}}}}
              labels: {type: object, additionalProperties: {type: string}}
              when: {type: string, format: date-time}
              any: {x-kubernetes-int-or-string: true}
              size: {x-kubernetes-int-or-string: true}
        """)));

    [Fact]
    public void Open_schemas_are_not_checked()
    {
        var schema = SchemaNode.Parse(Yaml.Object("{type: object, properties: {free: {type: object, x-kubernetes-preserve-unknown-fields: true}, labels: {type: object, additionalProperties: {type: string}}}}"));

        CelProgram.Compile("self.free.anything.deeper == 1 && self.labels.app == 'x'", schema);
    }

    [Fact]
    public void Deep_nesting_is_a_compile_error_not_a_stack_overflow()
    {
        var chain = string.Join(" + ", Enumerable.Repeat("1", 5000));
        var nots = new string('!', 5000) + "true";
        var parens = new string('(', 5000) + "1" + new string(')', 5000);

        Assert.Throws<CelSyntaxException>(() => CelProgram.Compile(chain, null));
        Assert.Throws<CelSyntaxException>(() => CelProgram.Compile(nots, null));
        Assert.Throws<CelSyntaxException>(() => CelProgram.Compile(parens, null));
        Assert.Equal(100L, Run(string.Join(" + ", Enumerable.Repeat("1", 100))));
    }
}
