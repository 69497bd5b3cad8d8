using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace ApiSentinel.Crds.Tests.Types;

/// <summary>
/// Compares a C# type with a schema node, recursively and both ways: every schema property has a C# property with
/// the same JSON name and a compatible type, every C# property is in the schema, and a field the schema requires
/// is not nullable in our own types. Returns the differences, one line each, by path.
/// </summary>
internal static class SchemaParity
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static List<string> Compare(Type type, JsonObject schema)
    {
        var problems = new List<string>();
        Compare(type, schema, "", problems);
        return problems;
    }

    private static void Compare(Type type, JsonObject schema, string path, List<string> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            if (type != typeof(ResourceQuantity) && type != typeof(IntOrString))
            {
                problems.Add($"{path}: int-or-string in the schema, {type.Name} in C#");
            }
            return;
        }
        var schemaType = schema["type"]?.GetValue<string>();
        switch (schemaType)
        {
            case "string":
                Expect(type == typeof(string) || (type == typeof(DateTime) && schema["format"]?.GetValue<string>() == "date-time"), path, schemaType, type, problems);
                break;
            case "integer":
                Expect(type == typeof(int) || type == typeof(long), path, schemaType, type, problems);
                if (type == typeof(int) && schema["format"]?.GetValue<string>() == "int64")
                {
                    problems.Add($"{path}: int64 in the schema, int in C#");
                }
                break;
            case "number":
                Expect(type == typeof(double), path, schemaType, type, problems);
                break;
            case "boolean":
                Expect(type == typeof(bool), path, schemaType, type, problems);
                break;
            case "array":
                if (ElementOf(type) is { } element)
                {
                    Compare(element, schema["items"]!.AsObject(), path + "[]", problems);
                }
                else
                {
                    problems.Add($"{path}: array in the schema, {type.Name} in C#");
                }
                break;
            case "object":
                CompareObject(type, schema, path, problems);
                break;
            default:
                problems.Add($"{path}: schema type '{schemaType}' has no C# counterpart");
                break;
        }
    }

    private static void CompareObject(Type type, JsonObject schema, string path, List<string> problems)
    {
        if (DictionaryValueOf(type) is { } value)
        {
            if (schema["additionalProperties"] is JsonObject values)
            {
                Compare(value, values, path + "{}", problems);
            }
            else
            {
                problems.Add($"{path}: a map in C#, no additionalProperties in the schema");
            }
            return;
        }
        if (schema["properties"] is not JsonObject properties)
        {
            // Only metadata is an object the schema leaves to the API server.
            if (type != typeof(V1ObjectMeta))
            {
                problems.Add($"{path}: an object with no properties in the schema, {type.Name} in C#");
            }
            return;
        }
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
        var members = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } name)
            {
                problems.Add($"{path}.{property.Name}: no [JsonPropertyName] on {type.Name}");
                continue;
            }
            members[name.Name] = property;
        }
        foreach (var (name, node) in properties)
        {
            if (!members.TryGetValue(name, out var property))
            {
                problems.Add($"{path}.{name}: in the schema, not in {type.Name}");
                continue;
            }
            if (required.Contains(name) && IsOurs(type) && IsNullable(property))
            {
                problems.Add($"{path}.{name}: required in the schema, nullable in {type.Name}");
            }
            Compare(property.PropertyType, node!.AsObject(), $"{path}.{name}", problems);
        }
        foreach (var name in members.Keys.Where(n => !properties.ContainsKey(n)))
        {
            problems.Add($"{path}.{name}: in {type.Name}, not in the schema");
        }
    }

    private static bool IsOurs(Type type) => type.Namespace?.StartsWith("ApiSentinel.Crds", StringComparison.Ordinal) == true;

    private static bool IsNullable(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null ||
        Nullability.Create(property).ReadState == NullabilityState.Nullable;

    private static void Expect(bool compatible, string path, string schemaType, Type type, List<string> problems)
    {
        if (!compatible)
        {
            problems.Add($"{path}: {schemaType} in the schema, {type.Name} in C#");
        }
    }

    private static Type? ElementOf(Type type)
    {
        if (type == typeof(string) || DictionaryValueOf(type) is not null || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }
        return type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    private static Type? DictionaryValueOf(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];
}
