using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ApiSentinel.FakeApiServer.Schema.Validation;

namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// The functions of the subset: <c>size</c>, the string functions (core and kube's strings extension), and the
/// conversions. A name outside <see cref="Supported"/> makes the rule unsupported at compile time.
/// </summary>
internal static class CelFunctions
{
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "size", "startsWith", "endsWith", "contains", "matches", "lowerAscii", "upperAscii", "trim", "split", "join",
        "substring", "replace", "indexOf", "lastIndexOf", "int", "uint", "double", "string", "bool", "bytes", "dyn",
    };

    // Patterns usually come from rules, but matches() may take one from the object: the cache is bounded.
    private const int RegexCacheLimit = 256;
    private static readonly Dictionary<string, Regex?> RegexCache = [];
    private static readonly Lock RegexGate = new();

    /// <summary>Calls <paramref name="function"/>; a method's receiver is the first argument.</summary>
    public static object? Call(string function, IReadOnlyList<object?> args)
    {
        foreach (var arg in args)
        {
            if (arg is CelError)
            {
                return arg;
            }
        }
        return (function, args.Count) switch
        {
            ("size", 1) => Size(args[0]),
            ("startsWith", 2) when args is [string s, string p] => s.StartsWith(p, StringComparison.Ordinal),
            ("endsWith", 2) when args is [string s, string p] => s.EndsWith(p, StringComparison.Ordinal),
            ("contains", 2) when args is [string s, string p] => s.Contains(p, StringComparison.Ordinal),
            ("matches", 2) when args is [string s, string p] => Matches(s, p),
            ("lowerAscii", 1) when args is [string s] => MapAscii(s, upper: false),
            ("upperAscii", 1) when args is [string s] => MapAscii(s, upper: true),
            ("trim", 1) when args is [string s] => s.Trim(),
            ("split", 2) when args is [string s, string sep] => Split(s, sep, -1),
            ("split", 3) when args is [string s, string sep, long n] => Split(s, sep, n),
            ("join", 1) when args is [IReadOnlyList<object?> list] => Join(list, ""),
            ("join", 2) when args is [IReadOnlyList<object?> list, string sep] => Join(list, sep),
            ("substring", 2) when args is [string s, long start] => Substring(s, start, null),
            ("substring", 3) when args is [string s, long start, long end] => Substring(s, start, end),
            ("replace", 3) when args is [string s, string from, string to] => from.Length == 0 ? s : s.Replace(from, to, StringComparison.Ordinal),
            ("indexOf", 2) when args is [string s, string p] => CodePointIndex(s, s.IndexOf(p, StringComparison.Ordinal)),
            ("lastIndexOf", 2) when args is [string s, string p] => CodePointIndex(s, s.LastIndexOf(p, StringComparison.Ordinal)),
            ("int", 1) => ToInt(args[0]),
            ("uint", 1) => ToUint(args[0]),
            ("double", 1) => ToDouble(args[0]),
            ("string", 1) => ToStringValue(args[0]),
            ("bool", 1) => ToBool(args[0]),
            ("bytes", 1) when args is [string s] => Encoding.UTF8.GetBytes(s),
            ("bytes", 1) when args is [byte[] b] => b,
            ("dyn", 1) => args[0],
            _ => CelError.NoSuchOverload(function),
        };
    }

    private static object Size(object? value) => value switch
    {
        string s => (long)ValueValidator.CodePoints(s),
        byte[] b => (long)b.Length,
        IReadOnlyList<object?> list => (long)list.Count,
        CelMap map => (long)map.Count,
        _ => CelError.NoSuchOverload("size"),
    };

    private static object Matches(string text, string pattern)
    {
        Regex? regex;
        lock (RegexGate)
        {
            if (!RegexCache.TryGetValue(pattern, out regex))
            {
                Re2Regex.TryCreate(pattern, out regex, out _);
                if (RegexCache.Count >= RegexCacheLimit)
                {
                    RegexCache.Clear();
                }
                RegexCache[pattern] = regex;
            }
        }
        return regex is null ? new CelError($"invalid regular expression: {pattern}") : Re2Regex.IsMatch(regex, text);
    }

    private static string MapAscii(string s, bool upper)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsAscii(chars[i]))
            {
                chars[i] = upper ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
            }
        }
        return new string(chars);
    }

    private static List<object?> Split(string s, string separator, long limit)
    {
        if (limit == 0)
        {
            return [];
        }
        var parts = separator.Length == 0
            ? s.EnumerateRunes().Select(r => r.ToString()).ToArray()
            : limit > 0 ? s.Split(separator, (int)Math.Min(limit, int.MaxValue)) : s.Split(separator);
        return [.. parts];
    }

    private static object Join(IReadOnlyList<object?> list, string separator) =>
        list.All(i => i is string) ? string.Join(separator, list.Cast<string>()) : CelError.NoSuchOverload("join");

    private static object Substring(string s, long start, long? end)
    {
        var runes = s.EnumerateRunes().ToArray();
        var stop = end ?? runes.Length;
        if (start < 0 || start > runes.Length || stop < start || stop > runes.Length)
        {
            return new CelError(string.Create(CultureInfo.InvariantCulture, $"index out of range: {(start < 0 || start > runes.Length ? start : stop)}"));
        }
        return string.Concat(runes[(int)start..(int)stop].Select(r => r.ToString()));
    }

    private static long CodePointIndex(string s, int utf16Index) =>
        utf16Index < 0 ? -1 : ValueValidator.CodePoints(s[..utf16Index]);

    private static object ToInt(object? v) => v switch
    {
        long l => l,
        ulong u => u <= long.MaxValue ? (long)u : new CelError("range error"),
        double d => double.IsFinite(d) && d > -9.2233720368547758E18 && d < 9.2233720368547758E18 ? (long)Math.Truncate(d) : new CelError("range error"),
        string s => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) ? p : new CelError($"cannot convert string '{s}' to int"),
        _ => CelError.NoSuchOverload("int"),
    };

    private static object ToUint(object? v) => v switch
    {
        ulong u => u,
        long l => l >= 0 ? (ulong)l : new CelError("range error"),
        double d => double.IsFinite(d) && d >= 0 && d < 1.8446744073709552E19 ? (ulong)Math.Truncate(d) : new CelError("range error"),
        string s => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : new CelError($"cannot convert string '{s}' to uint"),
        _ => CelError.NoSuchOverload("uint"),
    };

    private static object ToDouble(object? v) => v switch
    {
        double d => d,
        long l => (double)l,
        ulong u => (double)u,
        string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : new CelError($"cannot convert string '{s}' to double"),
        _ => CelError.NoSuchOverload("double"),
    };

    private static object ToStringValue(object? v) => v switch
    {
        string or long or ulong or double or bool => CelValues.Format(v),
        byte[] b => Utf8(b),
        _ => CelError.NoSuchOverload("string"),
    };

    private static object Utf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new CelError("invalid UTF-8 in bytes, cannot convert to string");
        }
    }

    private static object ToBool(object? v) => v switch
    {
        bool b => b,
        string s when s is "true" or "True" or "TRUE" or "t" or "1" => true,
        string s when s is "false" or "False" or "FALSE" or "f" or "0" => false,
        string s => new CelError($"type conversion error from 'string' to 'bool': {s}"),
        _ => CelError.NoSuchOverload("bool"),
    };
}
