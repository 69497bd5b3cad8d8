using System.Globalization;
using System.Text.Json.Nodes;
using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// Concrete values for parameters and JSON bodies from their schemas: type, format, bounds, enum, and the
/// source specs' <c>x-bench-value</c> hint for word-like strings. Every sensitive value a schema makes it emit
/// (format: email) is reported to <see cref="SensitiveTypes"/>, the ground truth of the call being built.
/// </summary>
internal sealed class ValueFactory(Random random)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Sensitive types emitted since the last <see cref="HashSet{T}.Clear"/>.</summary>
    public HashSet<string> SensitiveTypes { get; } = [];

    public string Scalar(JsonObject schema)
    {
        var node = Value(schema, null, depth: 0);
        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString() ?? "";
    }

    public JsonNode? Value(JsonObject schema, ReferenceResolver? references, int depth)
    {
        if (schema["enum"] is JsonArray choices)
        {
            return choices[random.Next(choices.Count)]?.DeepClone();
        }
        var type = schema["type"]?.GetValue<string>() ?? (schema["properties"] is not null ? "object" : "string");
        return type switch
        {
            "object" => Object(schema, references, depth),
            "array" => Array(schema, references, depth),
            "integer" => JsonValue.Create(Integer(schema)),
            "number" => JsonValue.Create(Math.Round(Minimum(schema, 0) + (random.NextDouble() * (Maximum(schema, 1000) - Minimum(schema, 0))), 2)),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            _ => JsonValue.Create(String(schema)),
        };
    }

    private JsonObject Object(JsonObject schema, ReferenceResolver? references, int depth)
    {
        var result = new JsonObject();
        foreach (var (name, propertyNode) in schema["properties"]?.AsObject() ?? [])
        {
            var property = references is null ? propertyNode!.AsObject() : references.Resolve(propertyNode!.AsObject());
            if (depth < 4)
            {
                result[name] = Value(property, references, depth + 1);
            }
        }
        return result;
    }

    private JsonArray Array(JsonObject schema, ReferenceResolver? references, int depth)
    {
        var items = references is null ? schema["items"]!.AsObject() : references.Resolve(schema["items"]!.AsObject());
        var result = new JsonArray();
        var count = depth == 0 ? random.Next(1, 6) : random.Next(0, 3);
        for (var i = 0; i < count; i++)
        {
            result.Add(Value(items, references, depth + 1));
        }
        return result;
    }

    private long Integer(JsonObject schema)
    {
        var min = (long)Minimum(schema, 1);
        var max = (long)Maximum(schema, 99999);
        return random.NextInt64(min, max + 1);
    }

    private static double Minimum(JsonObject schema, double fallback) => Number(schema["minimum"]) ?? fallback;

    private static double Maximum(JsonObject schema, double fallback) => Number(schema["maximum"]) ?? fallback;

    // YAML integers are read as long, decimals as double.
    private static double? Number(JsonNode? node) => node is JsonValue value ? (value.TryGetValue<long>(out var integer) ? integer : value.GetValue<double>()) : null;

    private string String(JsonObject schema)
    {
        switch (schema["format"]?.GetValue<string>())
        {
            case "uuid":
                return Uuid();
            case "date":
                return Epoch.AddDays(random.Next(-900, 400)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case "date-time":
                return Epoch.AddSeconds(random.NextInt64(-80_000_000, 30_000_000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            case "email":
                SensitiveTypes.Add("email");
                return SensitiveValues.Email(random, Username());
        }
        // A schema value that is itself sensitive by design (a client secret) is ground truth like a planted one.
        if (schema["x-bench-sensitive"]?.GetValue<string>() is { } sensitiveType)
        {
            SensitiveTypes.Add(sensitiveType);
        }
        return schema["x-bench-value"]?.GetValue<string>() switch
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
        };
    }

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

    private string Organisation() => random.Next(3) switch
    {
        0 => $"{Pick(Vocabulary.Adjectives)}-{Pick(Vocabulary.Nouns)}",
        1 => Pick(Vocabulary.Nouns) + "labs",
        _ => $"{Pick(Vocabulary.Nouns)}-{Pick(Vocabulary.TechWords)}",
    };

    private string Repository() => random.Next(3) switch
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

    private string Slug() => random.Next(2) == 0
        ? $"{Pick(Vocabulary.Adjectives)}-{Pick(Vocabulary.Nouns)}-{Pick(Vocabulary.Categories)}"
        : $"{Pick(Vocabulary.LastNames)}-{Pick(Vocabulary.Categories)}";

    private string Sku() => random.Next(3) switch
    {
        0 => $"{Pick(Vocabulary.Adjectives)}-{Pick(Vocabulary.Nouns)}-{Pick(Vocabulary.Sizes)}",
        1 => $"{Pick(Vocabulary.Nouns)}-{random.Next(100, 9999)}",
        _ => $"{Pick(Vocabulary.Adjectives)}-{Pick(Vocabulary.Nouns)}",
    };

    private string Pick(string[] words) => words[random.Next(words.Length)];

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private string Random62(int length) => string.Create(length, random, static (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Base62[r.Next(Base62.Length)];
        }
    });

    private string Hex(int length) => string.Create(length, random, static (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = "0123456789abcdef"[r.Next(16)];
        }
    });
}
