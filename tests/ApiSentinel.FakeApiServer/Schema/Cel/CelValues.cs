using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// CEL's runtime values (long, ulong, double, string, byte[], bool, null, lists, <see cref="CelMap"/>): conversion
/// from JSON under a schema, equality and ordering with CEL's cross-type numeric rules, and type names for errors.
/// </summary>
internal static class CelValues
{
    /// <summary>
    /// A JSON value as CEL sees it. The schema decides numbers: <c>integer</c> is int, <c>number</c> is double even
    /// when written <c>3</c>; untyped (int-or-string, preserved unknown fields) integral numbers are ints.
    /// </summary>
    public static object? FromJson(JsonNode? node, SchemaNode? schema)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var map = new CelMap();
                foreach (var (key, child) in obj)
                {
                    SchemaNode? childSchema = null;
                    if (schema is not null)
                    {
                        childSchema = schema.Properties.TryGetValue(key, out var p) ? p : schema.AdditionalProperties;
                    }
                    map.TryAdd(key, FromJson(child, childSchema));
                }
                return map;
            case JsonArray array:
                return array.Select(item => FromJson(item, schema?.Items)).ToList();
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number => Number(value, schema),
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static object Number(JsonValue value, SchemaNode? schema)
    {
        if (schema?.Type == SchemaTypes.Number)
        {
            return JsonNumbers.GetDouble(value);
        }
        return JsonNumbers.TryGetInteger(value, out var i) ? (object)i : JsonNumbers.GetDouble(value);
    }

    public static bool IsNumber(object? v) => v is long or ulong or double;

    public static double ToDouble(object v) => v switch
    {
        long l => l,
        ulong u => u,
        double d => d,
        _ => double.NaN,
    };

    public static bool Equal(object? a, object? b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return CompareNumbers(a!, b!) == 0;
        }
        return (a, b) switch
        {
            (null, null) => true,
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            (bool x, bool y) => x == y,
            (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
            (IReadOnlyList<object?> x, IReadOnlyList<object?> y) => x.Count == y.Count && x.Zip(y).All(p => Equal(p.First, p.Second)),
            (CelMap x, CelMap y) => x.Count == y.Count && x.Keys.All(k => y.TryGet(k, out var yv) && x.TryGet(k, out var xv) && Equal(xv, yv)),
            _ => false,
        };
    }

    /// <summary>Ordering for <c>&lt; &lt;= &gt; &gt;=</c>; null when the operands have no ordering overload.</summary>
    public static int? Compare(object? a, object? b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return CompareNumbers(a!, b!);
        }
        return (a, b) switch
        {
            (string x, string y) => Math.Sign(string.CompareOrdinal(x, y)),
            (bool x, bool y) => x.CompareTo(y),
            (byte[] x, byte[] y) => Math.Sign(x.AsSpan().SequenceCompareTo(y)),
            _ => null,
        };
    }

    private static int CompareNumbers(object a, object b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (ulong x, ulong y) => x.CompareTo(y),
        (long x, ulong y) => x < 0 ? -1 : ((ulong)x).CompareTo(y),
        (ulong x, long y) => y < 0 ? 1 : x.CompareTo((ulong)y),
        _ => ToDouble(a).CompareTo(ToDouble(b)),
    };

    public static string TypeName(object? v) => v switch
    {
        null => "null_type",
        long => "int",
        ulong => "uint",
        double => "double",
        string => "string",
        bool => "bool",
        byte[] => "bytes",
        IReadOnlyList<object?> => "list",
        CelMap => "map",
        _ => "dyn",
    };

    /// <summary>As CEL's <c>string()</c> prints a value.</summary>
    public static string Format(object? v) => v switch
    {
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        null => "null",
        _ => TypeName(v),
    };
}
