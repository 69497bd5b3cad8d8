using ApiSentinel.FakeApiServer.Schema;
using ApiSentinel.FakeApiServer.Schema.Cel;

namespace ApiSentinel.FakeApiServer.Tests.Schema;

/// <summary>
/// Random expressions (fixed seeds, so failures reproduce), grammatical and then mangled: compiling either succeeds
/// or throws one of the two documented exceptions, and evaluating never throws.
/// </summary>
public sealed class CelFuzzTests
{
    private static readonly string[] Leaves =
        ["self.a", "self.b", "self.b[0]", "self.b[5]", "oldSelf.a", "1", "0", "-1", "9223372036854775807", "2u", "1.5", "'s'", "b'x'",
         "true", "false", "null", "[1, 2]", "{'k': 1}", "'\\u00e9'", "r'\\d+'", "x"];

    private static readonly string[] Binary = ["==", "!=", "<", "<=", ">", ">=", "&&", "||", "in", "+", "-", "*", "/", "%"];

    private static readonly string[] Calls =
        ["size({0})", "{0}.size()", "{0}.startsWith('s')", "{0}.matches('[')", "{0}.matches('^s')", "int({0})", "string({0})", "double({0})",
         "uint({0})", "{0}.split(',')", "{0}.substring(1, 0)", "has(self.a)", "{0}.lowerAscii()", "self.b.all(x, {0})", "self.b.exists(x, {0})",
         "self.b.exists_one(x, {0})", "self.b.map(x, {0})", "self.b.filter(x, {0})", "[{0}, {0}].all(y, y == {0})", "{{ {0}: 1 }}[{0}]"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_expressions_never_crash(int seed)
    {
        var random = new Random(seed);
        var schema = SchemaNode.Parse(Yaml.Object("{type: object, properties: {a: {type: integer}, b: {type: array, items: {type: string}}}}"));
        var self = Yaml.Node("{a: 3, b: [x, y]}");
        var evaluated = 0;
        for (var i = 0; i < 2000; i++)
        {
            var expression = Generate(random, 4);
            if (random.Next(4) == 0)
            {
                expression = Mangle(random, expression);
            }
            CelProgram program;
            try
            {
                program = CelProgram.Compile(expression, random.Next(2) == 0 ? schema : null);
            }
            catch (CelSyntaxException)
            {
                continue;
            }
            catch (CelUnsupportedException)
            {
                continue;
            }
            program.Evaluate(self, schema, self, out _);
            evaluated++;
        }
        // The generator must reach the evaluator often enough to mean something.
        Assert.True(evaluated > 200, $"only {evaluated} expressions compiled");
    }

    private static string Generate(Random random, int depth)
    {
        if (depth == 0)
        {
            return Leaves[random.Next(Leaves.Length)];
        }
        return random.Next(6) switch
        {
            0 => Leaves[random.Next(Leaves.Length)],
            1 => $"{Generate(random, depth - 1)} {Binary[random.Next(Binary.Length)]} {Generate(random, depth - 1)}",
            2 => $"({Generate(random, depth - 1)} ? {Generate(random, depth - 1)} : {Generate(random, depth - 1)})",
            3 => (random.Next(2) == 0 ? "!" : "-") + Generate(random, depth - 1),
            _ => string.Format(System.Globalization.CultureInfo.InvariantCulture, Calls[random.Next(Calls.Length)], Generate(random, depth - 1)),
        };
    }

    private static string Mangle(Random random, string expression)
    {
        var at = random.Next(expression.Length);
        return random.Next(3) switch
        {
            0 => expression.Remove(at, 1),
            1 => expression.Insert(at, "([.'\"\\"[random.Next(6)].ToString()),
            _ => expression[..at],
        };
    }
}
