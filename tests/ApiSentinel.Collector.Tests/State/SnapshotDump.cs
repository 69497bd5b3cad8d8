using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Collector.Tests.State;

/// <summary>
/// A deterministic deep dump of a snapshot through its public data only (properties and fields, by name; maps by
/// key; sets sorted), so two catalogs are compared by what a reader of the snapshot sees, whatever the object
/// identities. Data reachable only through methods (top clients, kinds per field, masked samples) is dumped by name.
/// New public members are picked up by reflection without editing this.
/// </summary>
internal static class SnapshotDump
{
    private const int MaxDepth = 16;

    public static string Of(CatalogSnapshot snapshot)
    {
        var text = new StringBuilder();
        Write(snapshot, text, 0);
        return text.ToString();
    }

    private static void Write(object? value, StringBuilder text, int depth)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                text.Append('"').Append(s).Append('"');
                return;
            case double d:
                text.Append(d.ToString("R", CultureInfo.InvariantCulture));
                return;
            case IFormattable formattable when value.GetType().IsPrimitive || value is Enum or decimal:
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            case bool b:
                text.Append(b ? "true" : "false");
                return;
        }
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException("snapshot nesting deeper than expected: a cycle?");
        }
        switch (value)
        {
            case TopCounter top:
                text.Append("TopCounter{capacity=").Append(top.Capacity).Append(",evicted=").Append(top.Evicted).Append(",top=");
                Write(top.Top(int.MaxValue), text, depth + 1);
                text.Append('}');
                return;
            case KindSet kinds:
                text.Append("KindSet{dropped=").Append(kinds.Dropped);
                foreach (var name in kinds.Names)
                {
                    text.Append(',').Append(name).Append('=').Append(kinds.CountOf(name)).Append(':');
                    Write(kinds.KindsOf(name), text, depth + 1);
                }
                text.Append('}');
                return;
            case IDictionary map:
                var entries = new List<(string Key, object? Value)>();
                foreach (DictionaryEntry entry in map)
                {
                    entries.Add((Render(entry.Key, depth), entry.Value));
                }
                text.Append('{');
                foreach (var (key, item) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    text.Append(key).Append(':');
                    Write(item, text, depth + 1);
                    text.Append(',');
                }
                text.Append('}');
                return;
            case IEnumerable items:
                var rendered = new List<string>();
                foreach (var item in items)
                {
                    rendered.Add(Render(item, depth));
                }
                if (IsSet(value.GetType()))
                {
                    rendered.Sort(StringComparer.Ordinal);
                }
                text.Append('[').AppendJoin(',', rendered).Append(']');
                return;
        }
        var type = value.GetType();
        text.Append(type.Name).Append('{');
        foreach (var member in Members(type))
        {
            text.Append(member.Name).Append('=');
            Write(member.Get(value), text, depth + 1);
            text.Append(',');
        }
        if (value is ApiEndpoint endpoint)
        {
            foreach (var key in endpoint.Sensitive.Keys)
            {
                text.Append("samples(").Append(key.Type).Append(',').Append(key.Location).Append(")=");
                Write(endpoint.MaskedSamplesOf(key).Order(StringComparer.Ordinal).ToList(), text, depth + 1);
                text.Append(",occurrences=").Append(endpoint.SensitiveOccurrences(key.Type, key.Location)).Append(',');
            }
        }
        text.Append('}');
    }

    private static string Render(object? value, int depth)
    {
        var text = new StringBuilder();
        Write(value, text, depth + 1);
        return text.ToString();
    }

    private static bool IsSet(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d && (d == typeof(ISet<>) || d == typeof(IReadOnlySet<>)));

    private static IEnumerable<(string Name, Func<object, object?> Get)> Members(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => (p.Name, (Func<object, object?>)p.GetValue));
        var fields = type.GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Select(f => (f.Name, (Func<object, object?>)f.GetValue));
        return properties.Concat(fields).OrderBy(m => m.Name, StringComparer.Ordinal);
    }
}
