using System.Globalization;

namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// Evaluates a syntax tree. Errors are values (<see cref="CelError"/>): <c>&amp;&amp;</c> and <c>||</c> are
/// commutative over them (<c>false &amp;&amp; error</c> is false, <c>true || error</c> is true, whichever side errs),
/// and so are <c>all</c> and <c>exists</c>; everything else propagates the first error.
/// </summary>
internal static class CelEvaluator
{
    public static object? Evaluate(CelNode node, CelScope scope) => node switch
    {
        CelLiteral literal => literal.Value,
        CelIdent ident => scope.TryGet(ident.Name, out var value) ? value : new CelError($"undeclared reference to '{ident.Name}'"),
        CelSelect select => Select(Evaluate(select.Operand, scope), select.Field, test: false),
        CelHas has => Select(Evaluate(has.Select.Operand, scope), has.Select.Field, test: true),
        CelIndex index => Index(Evaluate(index.Operand, scope), Evaluate(index.Index, scope)),
        CelCall call => Call(call, scope),
        CelListLiteral list => List(list, scope),
        CelMapLiteral map => Map(map, scope),
        CelUnary unary => Unary(unary.Op, Evaluate(unary.Operand, scope)),
        CelBinary { Op: "&&" } and => And(and, scope),
        CelBinary { Op: "||" } or => Or(or, scope),
        CelBinary binary => CelOperators.Binary(binary.Op, Evaluate(binary.Left, scope), Evaluate(binary.Right, scope)),
        CelConditional conditional => Conditional(conditional, scope),
        CelComprehension comprehension => Comprehension(comprehension, scope),
        _ => throw new CelUnsupportedException($"unsupported expression {node.GetType().Name}"),
    };

    private static object? Select(object? operand, string field, bool test)
    {
        if (operand is CelError)
        {
            return operand;
        }
        if (operand is not CelMap map)
        {
            return new CelError($"type '{CelValues.TypeName(operand)}' does not support field selection");
        }
        if (map.TryGet(field, out var value) || map.TryGet(CelNames.Unescape(field), out value))
        {
            return test ? true : value;
        }
        return test ? false : new CelError($"no such key: {field}");
    }

    private static object? Index(object? operand, object? index)
    {
        if (operand is CelError)
        {
            return operand;
        }
        if (index is CelError)
        {
            return index;
        }
        switch (operand)
        {
            case IReadOnlyList<object?> list:
                if (!TryIndex(index, out var i))
                {
                    return CelError.NoSuchOverload("_[_]");
                }
                return i >= 0 && i < list.Count ? list[(int)i] : new CelError(string.Create(CultureInfo.InvariantCulture, $"index out of bounds: {i}"));
            case CelMap map:
                return index is not null && map.TryGet(index, out var value) ? value : new CelError($"no such key: {CelValues.Format(index)}");
            default:
                return CelError.NoSuchOverload("_[_]");
        }
    }

    private static bool TryIndex(object? index, out long i)
    {
        switch (index)
        {
            case long l:
                i = l;
                return true;
            case ulong u when u <= long.MaxValue:
                i = (long)u;
                return true;
            case double d when Math.Floor(d) == d && Math.Abs(d) < 9e18:
                i = (long)d;
                return true;
            default:
                i = 0;
                return false;
        }
    }

    private static object? Call(CelCall call, CelScope scope)
    {
        var args = new List<object?>(call.Args.Count + 1);
        if (call.Target is not null)
        {
            args.Add(Evaluate(call.Target, scope));
        }
        foreach (var arg in call.Args)
        {
            args.Add(Evaluate(arg, scope));
        }
        return CelFunctions.Call(call.Function, args);
    }

    private static object? List(CelListLiteral list, CelScope scope)
    {
        var items = new List<object?>(list.Items.Count);
        foreach (var node in list.Items)
        {
            var item = Evaluate(node, scope);
            if (item is CelError)
            {
                return item;
            }
            items.Add(item);
        }
        return items;
    }

    private static object? Map(CelMapLiteral literal, CelScope scope)
    {
        var map = new CelMap();
        foreach (var (keyNode, valueNode) in literal.Entries)
        {
            var key = Evaluate(keyNode, scope);
            if (key is CelError)
            {
                return key;
            }
            if (key is not (string or long or ulong or bool))
            {
                return new CelError($"unsupported key type: {CelValues.TypeName(key)}");
            }
            var value = Evaluate(valueNode, scope);
            if (value is CelError)
            {
                return value;
            }
            if (!map.TryAdd(key, value))
            {
                return new CelError($"Failed with repeated key: {CelValues.Format(key)}");
            }
        }
        return map;
    }

    private static object? Unary(string op, object? operand) => (op, operand) switch
    {
        (_, CelError) => operand,
        ("!", bool b) => !b,
        ("-", long l) => l == long.MinValue ? new CelError("integer overflow") : -l,
        ("-", double d) => -d,
        _ => CelError.NoSuchOverload(op == "!" ? "!_" : "-_"),
    };

    private static object? And(CelBinary and, CelScope scope)
    {
        var left = Evaluate(and.Left, scope);
        if (left is false)
        {
            return false;
        }
        var right = Evaluate(and.Right, scope);
        if (right is false)
        {
            return false;
        }
        if (left is true && right is true)
        {
            return true;
        }
        return left as CelError ?? right as CelError ?? CelError.NoSuchOverload("_&&_");
    }

    private static object? Or(CelBinary or, CelScope scope)
    {
        var left = Evaluate(or.Left, scope);
        if (left is true)
        {
            return true;
        }
        var right = Evaluate(or.Right, scope);
        if (right is true)
        {
            return true;
        }
        if (left is false && right is false)
        {
            return false;
        }
        return left as CelError ?? right as CelError ?? CelError.NoSuchOverload("_||_");
    }

    private static object? Conditional(CelConditional conditional, CelScope scope) => Evaluate(conditional.Condition, scope) switch
    {
        true => Evaluate(conditional.Then, scope),
        false => Evaluate(conditional.Else, scope),
        CelError error => error,
        _ => CelError.NoSuchOverload("_?_:_"),
    };

    private static object? Comprehension(CelComprehension c, CelScope scope)
    {
        IReadOnlyList<object?> elements;
        switch (Evaluate(c.Range, scope))
        {
            case CelError error:
                return error;
            case IReadOnlyList<object?> list:
                elements = list;
                break;
            case CelMap map:
                elements = [.. map.Keys];
                break;
            default:
                return new CelError($"expression of type '{c.Macro}' cannot be range of a comprehension");
        }
        return c.Macro switch
        {
            CelMacros.All => AllOrExists(c, elements, scope, stopOn: false),
            CelMacros.Exists => AllOrExists(c, elements, scope, stopOn: true),
            CelMacros.ExistsOne => ExistsOne(c, elements, scope),
            CelMacros.Map => MapElements(c, elements, scope),
            _ => FilterElements(c, elements, scope),
        };
    }

    /// <summary><c>all</c> stops on false, <c>exists</c> on true; an error only wins when nothing decides.</summary>
    private static object? AllOrExists(CelComprehension c, IReadOnlyList<object?> elements, CelScope scope, bool stopOn)
    {
        CelError? firstError = null;
        foreach (var element in elements)
        {
            switch (Evaluate(c.Body, new CelScope(c.Variable, element, scope)))
            {
                case bool b when b == stopOn:
                    return stopOn;
                case bool:
                    break;
                case CelError error:
                    firstError ??= error;
                    break;
                default:
                    firstError ??= CelError.NoSuchOverload(c.Macro);
                    break;
            }
        }
        return firstError is null ? !stopOn : firstError;
    }

    private static object? ExistsOne(CelComprehension c, IReadOnlyList<object?> elements, CelScope scope)
    {
        var count = 0L;
        foreach (var element in elements)
        {
            switch (Evaluate(c.Body, new CelScope(c.Variable, element, scope)))
            {
                case true:
                    count++;
                    break;
                case false:
                    break;
                case CelError error:
                    return error;
                default:
                    return CelError.NoSuchOverload(c.Macro);
            }
        }
        return count == 1;
    }

    private static object? MapElements(CelComprehension c, IReadOnlyList<object?> elements, CelScope scope)
    {
        var result = new List<object?>(elements.Count);
        foreach (var element in elements)
        {
            var inner = new CelScope(c.Variable, element, scope);
            if (c.Filter is not null)
            {
                var keep = Evaluate(c.Filter, inner);
                if (keep is CelError)
                {
                    return keep;
                }
                if (keep is not bool k)
                {
                    return CelError.NoSuchOverload(c.Macro);
                }
                if (!k)
                {
                    continue;
                }
            }
            var mapped = Evaluate(c.Body, inner);
            if (mapped is CelError)
            {
                return mapped;
            }
            result.Add(mapped);
        }
        return result;
    }

    private static object? FilterElements(CelComprehension c, IReadOnlyList<object?> elements, CelScope scope)
    {
        var result = new List<object?>();
        foreach (var element in elements)
        {
            switch (Evaluate(c.Body, new CelScope(c.Variable, element, scope)))
            {
                case true:
                    result.Add(element);
                    break;
                case false:
                    break;
                case CelError error:
                    return error;
                default:
                    return CelError.NoSuchOverload(c.Macro);
            }
        }
        return result;
    }
}
