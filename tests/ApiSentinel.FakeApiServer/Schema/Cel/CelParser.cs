using System.Globalization;

namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// Recursive-descent parser for cel-spec's grammar, precedence lowest first: <c>?:</c>, <c>||</c>, <c>&amp;&amp;</c>,
/// relations (<c>== != &lt; &lt;= &gt; &gt;= in</c>), <c>+ -</c>, <c>* / %</c>, unary <c>! -</c>, member access.
/// Macros (<c>has</c>, <c>all</c>, <c>exists</c>, <c>exists_one</c>, <c>map</c>, <c>filter</c>) expand here, as in cel-go.
/// </summary>
internal sealed class CelParser
{
    private const int MaxDepth = 250;

    private readonly List<CelToken> _tokens;
    private int _pos;
    private int _depth;

    private CelParser(List<CelToken> tokens) => _tokens = tokens;

    public static CelNode Parse(string source)
    {
        var parser = new CelParser(CelLexer.Tokenize(source));
        var expr = parser.Expression();
        if (parser.Peek.Kind != CelTokenKind.End)
        {
            throw parser.Error($"Syntax error: mismatched input '{parser.Describe(parser.Peek)}' expecting <EOF>");
        }
        // Long operator chains nest the tree without recursing the parser; the evaluator recurses, so bound it here.
        if (CelTreeDepth.Of(expr) > MaxDepth)
        {
            throw Error("expression recursion limit exceeded", parser._tokens[0]);
        }
        return expr;
    }

    private CelToken Peek => _tokens[_pos];

    private CelToken Take() => _tokens[_pos++];

    private bool TakeIf(string symbol)
    {
        if (Peek.Is(symbol))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void Expect(string symbol)
    {
        if (!TakeIf(symbol))
        {
            throw Error($"Syntax error: missing '{symbol}' at '{Describe(Peek)}'");
        }
    }

    private CelNode Expression()
    {
        if (++_depth > MaxDepth)
        {
            throw Error("expression recursion limit exceeded");
        }
        var condition = Or();
        if (TakeIf("?"))
        {
            var then = Or();
            Expect(":");
            var otherwise = Expression();
            condition = new CelConditional(condition, then, otherwise);
        }
        _depth--;
        return condition;
    }

    private CelNode Or()
    {
        var left = And();
        while (TakeIf("||"))
        {
            left = new CelBinary("||", left, And());
        }
        return left;
    }

    private CelNode And()
    {
        var left = Relation();
        while (TakeIf("&&"))
        {
            left = new CelBinary("&&", left, Relation());
        }
        return left;
    }

    private CelNode Relation()
    {
        var left = Addition();
        while (true)
        {
            if (Peek.Kind == CelTokenKind.In)
            {
                _pos++;
                left = new CelBinary("in", left, Addition());
            }
            else if (Peek.Kind == CelTokenKind.Symbol && Peek.Text is "==" or "!=" or "<" or "<=" or ">" or ">=")
            {
                var op = Take().Text;
                left = new CelBinary(op, left, Addition());
            }
            else
            {
                return left;
            }
        }
    }

    private CelNode Addition()
    {
        var left = Multiplication();
        while (Peek.Kind == CelTokenKind.Symbol && Peek.Text is "+" or "-")
        {
            var op = Take().Text;
            left = new CelBinary(op, left, Multiplication());
        }
        return left;
    }

    private CelNode Multiplication()
    {
        var left = Unary();
        while (Peek.Kind == CelTokenKind.Symbol && Peek.Text is "*" or "/" or "%")
        {
            var op = Take().Text;
            left = new CelBinary(op, left, Unary());
        }
        return left;
    }

    private CelNode Unary()
    {
        if (TakeIf("!"))
        {
            if (++_depth > MaxDepth)
            {
                throw Error("expression recursion limit exceeded");
            }
            var negated = new CelUnary("!", Unary());
            _depth--;
            return negated;
        }
        if (TakeIf("-"))
        {
            // A negative int literal folds, so that the smallest int64 is writable at all.
            if (Peek.Kind == CelTokenKind.Int && !NextIsMember())
            {
                var magnitude = (ulong)Take().Value!;
                if (magnitude > 9223372036854775808UL)
                {
                    throw Error("invalid int literal");
                }
                return Member(new CelLiteral(magnitude == 9223372036854775808UL ? long.MinValue : -(long)magnitude));
            }
            if (++_depth > MaxDepth)
            {
                throw Error("expression recursion limit exceeded");
            }
            var minus = new CelUnary("-", Unary());
            _depth--;
            return minus;
        }
        return Member(Primary());
    }

    private bool NextIsMember() => _tokens[_pos + 1].Kind == CelTokenKind.Symbol && _tokens[_pos + 1].Text is "." or "[";

    private CelNode Member(CelNode operand)
    {
        while (true)
        {
            if (TakeIf("."))
            {
                var name = Identifier();
                if (TakeIf("("))
                {
                    var args = Arguments(")");
                    operand = MethodOrMacro(operand, name, args);
                }
                else
                {
                    operand = new CelSelect(operand, name);
                }
            }
            else if (TakeIf("["))
            {
                var index = Expression();
                Expect("]");
                operand = new CelIndex(operand, index);
            }
            else if (Peek.Is("{") && operand is CelIdent or CelSelect)
            {
                throw new CelUnsupportedException("message construction is not supported");
            }
            else
            {
                return operand;
            }
        }
    }

    private CelNode Primary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case CelTokenKind.Int:
                var magnitude = (ulong)token.Value!;
                if (magnitude > long.MaxValue)
                {
                    throw Error("invalid int literal", token);
                }
                return new CelLiteral((long)magnitude);
            case CelTokenKind.Uint:
            case CelTokenKind.Double:
            case CelTokenKind.String:
            case CelTokenKind.Bytes:
            case CelTokenKind.True:
            case CelTokenKind.False:
                return new CelLiteral(token.Value);
            case CelTokenKind.Null:
                return new CelLiteral(null);
            case CelTokenKind.Identifier:
                if (TakeIf("("))
                {
                    var args = Arguments(")");
                    return FunctionOrMacro(token.Text, args);
                }
                return new CelIdent(token.Text);
            case CelTokenKind.Symbol when token.Text == ".":
                // A leading dot names the root scope: .self is self.
                return new CelIdent(Identifier());
            case CelTokenKind.Symbol when token.Text == "(":
                var inner = Expression();
                Expect(")");
                return inner;
            case CelTokenKind.Symbol when token.Text == "[":
                return new CelListLiteral(Arguments("]"));
            case CelTokenKind.Symbol when token.Text == "{":
                return MapLiteral();
            default:
                _pos--;
                throw Error($"Syntax error: mismatched input '{Describe(token)}'");
        }
    }

    private CelMapLiteral MapLiteral()
    {
        var entries = new List<(CelNode, CelNode)>();
        if (!TakeIf("}"))
        {
            do
            {
                if (Peek.Is("}"))
                {
                    break;
                }
                var key = Expression();
                Expect(":");
                entries.Add((key, Expression()));
            }
            while (TakeIf(","));
            Expect("}");
        }
        return new CelMapLiteral(entries);
    }

    private List<CelNode> Arguments(string close)
    {
        var args = new List<CelNode>();
        if (TakeIf(close))
        {
            return args;
        }
        do
        {
            if (Peek.Is(close))
            {
                break; // a trailing comma
            }
            args.Add(Expression());
        }
        while (TakeIf(","));
        Expect(close);
        return args;
    }

    private string Identifier()
    {
        var token = Take();
        if (token.Kind is CelTokenKind.Identifier or CelTokenKind.True or CelTokenKind.False or CelTokenKind.Null or CelTokenKind.In)
        {
            return token.Text;
        }
        _pos--;
        throw Error($"Syntax error: mismatched input '{Describe(token)}' expecting IDENTIFIER");
    }

    private CelNode FunctionOrMacro(string name, List<CelNode> args)
    {
        if (name == CelMacros.Has)
        {
            if (args.Count != 1 || args[0] is not CelSelect select)
            {
                throw Error("invalid argument to has() macro");
            }
            return new CelHas(select);
        }
        return new CelCall(null, name, args);
    }

    private CelNode MethodOrMacro(CelNode target, string name, List<CelNode> args)
    {
        if (!CelMacros.Comprehensions.Contains(name) || args.Count is < 2 or > 3)
        {
            return new CelCall(target, name, args);
        }
        if (args[0] is not CelIdent variable)
        {
            throw Error("argument must be a simple name");
        }
        if (args.Count == 3 && name != CelMacros.Map)
        {
            // Two-variable comprehensions (all(k, v, p)) are a CEL extension this subset lacks.
            throw new CelUnsupportedException($"the 3-argument form of {name}() is not supported");
        }
        return args.Count == 3
            ? new CelComprehension(name, target, variable.Name, args[1], args[2])
            : new CelComprehension(name, target, variable.Name, null, args[1]);
    }

    private string Describe(CelToken token) => token.Kind == CelTokenKind.End ? "<EOF>" : token.Text.Length > 0 ? token.Text : "literal";

    private CelSyntaxException Error(string message) => Error(message, Peek);

    private static CelSyntaxException Error(string message, CelToken at) =>
        new(string.Create(CultureInfo.InvariantCulture, $"ERROR: <input>:1:{at.Position + 1}: {message}"));
}
