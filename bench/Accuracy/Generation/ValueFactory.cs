using System.Globalization;
using System.Text.Json.Nodes;
using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// Concrete values for parameters and JSON bodies from their schemas: type, format, bounds, enum, and the
/// source specs' <c>x-bench-value</c> hint for word-like strings. Every sensitive value a schema makes it emit
/// (format: email) is reported to <see cref="SensitiveTypes"/>, the ground truth of the call being built.
/// </summary>
internal sealed class ValueFactory
{
    private const int MaxDepth = 4;
    private const int MaxProperties = 24;
    private readonly Random random;
    private readonly NamedValues _names;

    public ValueFactory(Random random)
    {
        this.random = random;
        _names = new NamedValues(random, this);
    }

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Sensitive types emitted since the last <see cref="HashSet{T}.Clear"/>.</summary>
    public HashSet<string> SensitiveTypes { get; } = [];

    /// <summary>A path, query or header value: schema first, then what the parameter's name says it is.</summary>
    public string Parameter(string scope, SpecParameter parameter, ReferenceResolver references)
    {
        var schema = Flatten(parameter.Schema, references, 0);
        if (schema["enum"] is JsonArray { Count: > 0 } || schema["x-bench-value"] is not null || schema["format"] is not null ||
            (TypeOf(schema) is not ("string" or null)))
        {
            return Text(Value(schema, references, 0));
        }
        // A schema example is what the API's authors expect to see; real traffic has it now and then.
        if (schema["example"] is JsonValue example && random.Next(8) == 0 && Text(example) is { Length: > 0 and < 64 } exampleText)
        {
            return exampleText;
        }
        return Bounded(_names.Value(scope, parameter.Name), schema);
    }

    public string Scalar(JsonObject schema) => Text(Value(schema, null, depth: 0));

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString() ?? "";

    public JsonNode? Value(JsonObject schema, ReferenceResolver? references, int depth)
    {
        schema = Flatten(schema, references, depth);
        if (schema["enum"] is JsonArray { Count: > 0 } choices)
        {
            return choices[random.Next(choices.Count)]?.DeepClone();
        }
        return TypeOf(schema) switch
        {
            "object" => Object(schema, references, depth),
            "array" => Array(schema, references, depth),
            "integer" => JsonValue.Create(Integer(schema)),
            "number" => JsonValue.Create(Math.Round(Minimum(schema, 0) + (random.NextDouble() * (Maximum(schema, 1000) - Minimum(schema, 0))), 2)),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            _ => JsonValue.Create(String(schema)),
        };
    }

    // OpenAPI 3.1 writes type as a list (["string", "null"]); the first non-null one is the value's.
    private static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray list => list.Select(t => t?.ToString()).FirstOrDefault(t => t is not null and not "null"),
        _ => schema["properties"] is not null ? "object" : schema["items"] is not null ? "array" : null,
    };

    // allOf merges; oneOf/anyOf take one branch. Bounded so a self-referencing schema ends.
    private JsonObject Flatten(JsonObject schema, ReferenceResolver? references, int depth)
    {
        schema = references?.Resolve(schema) ?? schema;
        for (var guard = 0; guard < 8; guard++)
        {
            if (schema["allOf"] is JsonArray { Count: > 0 } all)
            {
                var merged = new JsonObject();
                var properties = new JsonObject();
                foreach (var part in all.OfType<JsonObject>().Select(p => Flatten(p, references, depth)).Append(schema))
                {
                    foreach (var (key, value) in part)
                    {
                        if (key == "properties" && value is JsonObject props)
                        {
                            foreach (var (name, property) in props)
                            {
                                properties[name] = property?.DeepClone();
                            }
                        }
                        else if (key != "allOf" && !merged.ContainsKey(key))
                        {
                            merged[key] = value?.DeepClone();
                        }
                    }
                }
                if (properties.Count > 0)
                {
                    merged["properties"] = properties;
                    merged["type"] ??= "object";
                }
                schema = merged;
                continue;
            }
            if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray { Count: > 0 } choices && TypeOf(schema) is null)
            {
                var options = choices.OfType<JsonObject>().ToList();
                if (options.Count == 0)
                {
                    break;
                }
                schema = references?.Resolve(options[random.Next(options.Count)]) ?? options[0];
                continue;
            }
            break;
        }
        return schema;
    }

    private JsonObject Object(JsonObject schema, ReferenceResolver? references, int depth)
    {
        var result = new JsonObject();
        if (depth >= MaxDepth)
        {
            return result;
        }
        // Bodies of real schemas run to hundreds of fields; a bounded subset keeps the traffic (and the run) sized.
        var count = 0;
        foreach (var (name, propertyNode) in schema["properties"] as JsonObject ?? [])
        {
            if (propertyNode is not JsonObject property || ++count > MaxProperties)
            {
                continue;
            }
            var resolved = Flatten(property, references, depth + 1);
            result[name] = TypeOf(resolved) is "string" or null && resolved["enum"] is null && resolved["format"] is null && resolved["x-bench-value"] is null
                ? JsonValue.Create(_names.Field(name, resolved, this))
                : Value(resolved, references, depth + 1);
        }
        return result;
    }

    private JsonArray Array(JsonObject schema, ReferenceResolver? references, int depth)
    {
        var result = new JsonArray();
        if (schema["items"] is not JsonObject items || depth >= MaxDepth)
        {
            return result;
        }
        var count = depth == 0 ? random.Next(1, 6) : random.Next(0, 3);
        for (var i = 0; i < count; i++)
        {
            result.Add(Value(items, references, depth + 1));
        }
        return result;
    }

    private long Integer(JsonObject schema)
    {
        var min = (long)Math.Max(Minimum(schema, 1), -1e15);
        var max = (long)Math.Min(Maximum(schema, min + 99999), 1e15);
        return max <= min ? min : random.NextInt64(min, max + 1);
    }

    private static double Minimum(JsonObject schema, double fallback) => Number(schema["minimum"]) ?? fallback;

    private static double Maximum(JsonObject schema, double fallback) => Number(schema["maximum"]) ?? fallback;

    private static double? Number(JsonNode? node) =>
        node is JsonValue value ? (value.TryGetValue<long>(out var integer) ? integer : value.TryGetValue<double>(out var real) ? real : null) : null;

    // minLength/maxLength as declared: a longer value is cut, a shorter one padded with digits.
    private string Bounded(string value, JsonObject schema)
    {
        if (Number(schema["maxLength"]) is { } max && max >= 1 && value.Length > max)
        {
            value = value[..(int)max];
        }
        if (Number(schema["minLength"]) is { } min && min > value.Length && min <= 64)
        {
            value += Digits((int)min - value.Length);
        }
        return value;
    }

    private string String(JsonObject schema)
    {
        switch (schema["format"]?.GetValue<string>())
        {
            case "uuid":
                return Uuid();
            case "date":
                return Date();
            case "date-time":
                return Epoch.AddSeconds(random.NextInt64(-80_000_000, 30_000_000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            case "email":
                SensitiveTypes.Add("email");
                return SensitiveValues.Email(random, Username());
            case "ipv4":
                return $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
            case "int64" or "int32":
                return random.NextInt64(1, 10_000_000).ToString(CultureInfo.InvariantCulture);
        }
        // A schema value that is itself sensitive by design (a client secret) is ground truth like a planted one.
        if (schema["x-bench-sensitive"]?.GetValue<string>() is { } sensitiveType)
        {
            SensitiveTypes.Add(sensitiveType);
        }
        return Bounded(schema["x-bench-value"]?.GetValue<string>() switch
        {
            "username" => Username(),
            "org" => Organisation(),
            "repo" => Repository(),
            "branch" => Branch(),
            "sha" => Hex(40),
            "client-secret" => $"pi_{Random62(24)}_secret_{Random62(25)}",
            "slug" => Slug(),
            "sku" => Sku(),
            "petname" => Capitalise(Pick(Vocabulary.FirstNames)),
            "firstname" => Capitalise(Pick(Vocabulary.FirstNames)),
            "sentence" => Pick(Vocabulary.Sentences),
            "prefixed" => schema["x-bench-prefix"]!.GetValue<string>() + Random62(14),
            "hostname" => $"{Pick(Vocabulary.Nouns)}-{random.Next(1, 64):D2}",
            "digits4" => random.Next(0, 10000).ToString("D4", CultureInfo.InvariantCulture),
            "digits5" => random.Next(10000, 100000).ToString(CultureInfo.InvariantCulture),
            "ipv4" => $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}",
            _ => random.Next(3) == 0 ? Pick(Vocabulary.Categories) : Pick(Vocabulary.Nouns),
        }, schema);
    }

    public string Date() => Epoch.AddDays(random.Next(-900, 400)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Uuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    // Usernames come in the shapes real sign-ups produce; together several hundred thousand combinations.
    public string Username() => random.Next(6) switch
    {
        0 => Pick(Vocabulary.FirstNames) + Pick(Vocabulary.LastNames),
        1 => Pick(Vocabulary.FirstNames) + random.Next(1, 1000).ToString(CultureInfo.InvariantCulture),
        2 => $"{Pick(Vocabulary.FirstNames)}-{Pick(Vocabulary.LastNames)}",
        3 => Pick(Vocabulary.Adjectives) + Pick(Vocabulary.Nouns),
        4 => Pick(Vocabulary.FirstNames)[0] + Pick(Vocabulary.LastNames),
        _ => $"{Pick(Vocabulary.Nouns)}_{Pick(Vocabulary.FirstNames)}",
    };

    public string Organisation() => random.Next(3) switch
    {
        0 => $"{Pick(Vocabulary.Adjectives)}-{Pick(Vocabulary.Nouns)}",
        1 => Pick(Vocabulary.Nouns) + "labs",
        _ => $"{Pick(Vocabulary.Nouns)}-{Pick(Vocabulary.TechWords)}",
    };

    public string Repository() => random.Next(3) switch
    {
        0 => $"{Pick(Vocabulary.Nouns)}-{Pick(Vocabulary.TechWords)}",
        1 => $"{Pick(Vocabulary.Adjectives)}-{Pick(Vocabulary.Nouns)}",
        _ => Pick(Vocabulary.Nouns) + (random.Next(2) == 0 ? ".js" : "-rs"),
    };

    private string Branch() => random.Next(4) switch
    {
        0 => "main",
        1 => $"fix-{Pick(Vocabulary.Nouns)}-{random.Next(1, 5000)}",
        2 => $"release-{random.Next(1, 9)}.{random.Next(0, 30)}",
        _ => $"feature-{Pick(Vocabulary.Adjectives)}-{Pick(Vocabulary.Nouns)}",
    };

    public string Slug() => random.Next(2) == 0
        ? $"{Pick(Vocabulary.Adjectives)}-{Pick(Vocabulary.Nouns)}-{Pick(Vocabulary.Categories)}"
        : $"{Pick(Vocabulary.LastNames)}-{Pick(Vocabulary.Categories)}";

    private string Sku() => random.Next(3) switch
    {
        0 => $"{Pick(Vocabulary.Adjectives)}-{Pick(Vocabulary.Nouns)}-{Pick(Vocabulary.Sizes)}",
        1 => $"{Pick(Vocabulary.Nouns)}-{random.Next(100, 9999)}",
        _ => $"{Pick(Vocabulary.Adjectives)}-{Pick(Vocabulary.Nouns)}",
    };

    public string Pick(string[] words) => words[random.Next(words.Length)];

    public static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    public string Random62(int length) => string.Create(length, random, static (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Base62[r.Next(Base62.Length)];
        }
    });

    public string Hex(int length) => string.Create(length, random, static (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = "0123456789abcdef"[r.Next(16)];
        }
    });

    public string Digits(int length) => string.Create(length, random, static (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)('0' + r.Next(10));
        }
    });
}
