namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// CEL's binary operators other than <c>&amp;&amp;</c>/<c>||</c>: arithmetic with int64/uint64 overflow errors
/// (never wrap-around), comparisons with cross-type numeric ordering, <c>in</c>, and concatenation.
/// </summary>
internal static class CelOperators
{
    public static object? Binary(string op, object? left, object? right)
    {
        if (left is CelError)
        {
            return left;
        }
        if (right is CelError)
        {
            return right;
        }
        return op switch
        {
            "==" => CelValues.Equal(left, right),
            "!=" => !CelValues.Equal(left, right),
            "<" or "<=" or ">" or ">=" => Compare(op, left, right),
            "in" => In(left, right),
            "+" => Add(left, right),
            "-" => Subtract(left, right),
            "*" => Multiply(left, right),
            "/" => Divide(left, right),
            "%" => Modulo(left, right),
            _ => CelError.NoSuchOverload(op),
        };
    }

    private static object Compare(string op, object? left, object? right)
    {
        if (CelValues.Compare(left, right) is not { } c)
        {
            return CelError.NoSuchOverload($"_{op}_");
        }
        return op switch
        {
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        };
    }

    private static object In(object? element, object? container) => container switch
    {
        IReadOnlyList<object?> list => list.Any(item => CelValues.Equal(item, element)),
        CelMap map => element is not null && map.ContainsKey(element),
        _ => CelError.NoSuchOverload("@in"),
    };

    private static readonly CelError Overflow = new("integer overflow");

    private static object Add(object? left, object? right)
    {
        try
        {
            return (left, right) switch
            {
                (long a, long b) => checked(a + b),
                (ulong a, ulong b) => checked(a + b),
                (double a, double b) => a + b,
                (string a, string b) => a + b,
                (byte[] a, byte[] b) => (object)a.Concat(b).ToArray(),
                (IReadOnlyList<object?> a, IReadOnlyList<object?> b) => a.Concat(b).ToList(),
                _ => CelError.NoSuchOverload("_+_"),
            };
        }
        catch (OverflowException)
        {
            return Overflow;
        }
    }

    private static object Subtract(object? left, object? right)
    {
        try
        {
            return (left, right) switch
            {
                (long a, long b) => checked(a - b),
                (ulong a, ulong b) => checked(a - b),
                (double a, double b) => a - b,
                _ => CelError.NoSuchOverload("_-_"),
            };
        }
        catch (OverflowException)
        {
            return Overflow;
        }
    }

    private static object Multiply(object? left, object? right)
    {
        try
        {
            return (left, right) switch
            {
                (long a, long b) => checked(a * b),
                (ulong a, ulong b) => checked(a * b),
                (double a, double b) => a * b,
                _ => CelError.NoSuchOverload("_*_"),
            };
        }
        catch (OverflowException)
        {
            return Overflow;
        }
    }

    private static object Divide(object? left, object? right) => (left, right) switch
    {
        (long, 0L) or (ulong, 0UL) => new CelError("division by zero"),
        (long a, long b) => a == long.MinValue && b == -1 ? Overflow : a / b,
        (ulong a, ulong b) => a / b,
        (double a, double b) => a / b,
        _ => CelError.NoSuchOverload("_/_"),
    };

    private static object Modulo(object? left, object? right) => (left, right) switch
    {
        (long, 0L) or (ulong, 0UL) => new CelError("modulus by zero"),
        (long a, long b) => a == long.MinValue && b == -1 ? Overflow : a % b,
        (ulong a, ulong b) => a % b,
        _ => CelError.NoSuchOverload("_%_"),
    };
}
