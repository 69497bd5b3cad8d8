using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema.Cel;

namespace ApiSentinel.FakeApiServer.Schema.Validation;

/// <summary>
/// Walks a value and its schema together and collects kube-openapi's errors (type first; a value of the wrong type
/// gets no further checks), then the node's CEL rules. The old value walks alongside where kube can correlate it
/// (object properties, map keys, list-type=map entries), so transition rules see <c>oldSelf</c>.
/// A correlated value equal to its old value is ratcheted, as kube-apiserver does since 1.30
/// (CRDValidationRatcheting): its schema and non-transition rule errors are not reported, so an object stored under
/// an older, looser schema can still be updated elsewhere; transition rules still run there.
/// </summary>
internal sealed class ValueValidator(RuleEvaluator rules)
{
    private static readonly ValueValidator Plain = new(RuleEvaluator.None);

    public void Validate(SchemaNode schema, JsonNode? value, JsonNode? old, bool correlated, string path, List<FieldError> errors) =>
        Validate(schema, value, old, correlated, path, errors, ratcheted: false);

    private void Validate(SchemaNode schema, JsonNode? value, JsonNode? old, bool correlated, string path, List<FieldError> errors, bool ratcheted)
    {
        ratcheted |= correlated && JsonNode.DeepEquals(value, old);
        if (ratcheted)
        {
            ValidateRatcheted(schema, value, old, correlated, path, errors);
            return;
        }
        if (JsonTypes.IsNull(value))
        {
            if (!schema.Nullable && schema.Type is not null)
            {
                errors.Add(TypeError(path, schema.Type, value));
            }
            return;
        }
        if (!CheckType(schema, value, path, errors))
        {
            return;
        }
        CheckValue(schema, value!, path, errors);
        switch (value)
        {
            case JsonObject obj:
                CheckObject(schema, obj, old as JsonObject, correlated, path, errors);
                break;
            case JsonArray array:
                CheckArray(schema, array, old as JsonArray, correlated, path, errors);
                break;
            default:
                break;
        }
        rules.Evaluate(schema, value!, correlated ? old : null, path, errors);
    }

    /// <summary>An unchanged value: only transition rules, which compare with the old value, can fail.</summary>
    private void ValidateRatcheted(SchemaNode schema, JsonNode? value, JsonNode? old, bool correlated, string path, List<FieldError> errors)
    {
        if (JsonTypes.IsNull(value) || !correlated || !CheckType(schema, value, path, []))
        {
            return;
        }
        if (value is JsonObject obj && old is JsonObject oldObj)
        {
            foreach (var (name, child) in obj)
            {
                var childSchema = schema.Properties.TryGetValue(name, out var p) ? p : schema.AdditionalProperties;
                if (childSchema is not null && !(path.Length == 0 && name == "metadata"))
                {
                    Validate(childSchema, child, oldObj[name], oldObj.ContainsKey(name), ValuePaths.Child(path, name), errors, ratcheted: true);
                }
            }
        }
        else if (value is JsonArray array && old is JsonArray oldArray && schema.Items is { } items && schema.ListType == ListTypes.Map)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var key = MapKey(schema, array[i]);
                var oldItem = oldArray.FirstOrDefault(o => JsonNode.DeepEquals(MapKey(schema, o), key));
                Validate(items, array[i], oldItem, oldItem is not null, ValuePaths.Index(path, i), errors, ratcheted: true);
            }
        }
        rules.Evaluate(schema, value!, old, path, errors, transitionOnly: true);
    }

    private static bool CheckType(SchemaNode schema, JsonNode? value, string path, List<FieldError> errors)
    {
        if (schema.IntOrString)
        {
            var actual = JsonTypes.Of(value);
            if (actual is SchemaTypes.Integer or SchemaTypes.String)
            {
                return true;
            }
            errors.Add(FieldErrors.TypeInvalid(path, actual, $"{path} in body must be of type integer-or-string: {FieldErrors.Quote(actual)}"));
            return false;
        }
        if (schema.Type is null || JsonTypes.Matches(schema.Type, value))
        {
            return true;
        }
        errors.Add(TypeError(path, schema.Type, value));
        return false;
    }

    private static FieldError TypeError(string path, string expected, JsonNode? value)
    {
        var actual = JsonTypes.Of(value);
        return FieldErrors.TypeInvalid(path, actual, $"{path} in body must be of type {expected}: {FieldErrors.Quote(actual)}");
    }

    /// <summary>The keywords that apply to any value: enum, bounds, lengths, pattern, format, and the value validations.</summary>
    private void CheckValue(SchemaNode schema, JsonNode value, string path, List<FieldError> errors)
    {
        if (schema.Enum is { } choices && !choices.Any(c => JsonNode.DeepEquals(c, value)))
        {
            errors.Add(FieldErrors.NotSupported(path, value, choices));
        }
        if (value is JsonValue scalar)
        {
            switch (scalar.GetValueKind())
            {
                case JsonValueKind.Number:
                    CheckNumber(schema, scalar, path, errors);
                    break;
                case JsonValueKind.String:
                    CheckString(schema, scalar.GetValue<string>(), value, path, errors);
                    break;
                default:
                    break;
            }
        }
        CheckComposition(schema, value, path, errors);
    }

    private static void CheckNumber(SchemaNode schema, JsonValue value, string path, List<FieldError> errors)
    {
        var n = JsonNumbers.GetDouble(value);
        if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? n >= max : n > max))
        {
            var words = schema.ExclusiveMaximum ? "less than" : "less than or equal to";
            errors.Add(FieldErrors.Invalid(path, value, $"{path} in body should be {words} {JsonNumbers.Format(max)}"));
        }
        if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? n <= min : n < min))
        {
            var words = schema.ExclusiveMinimum ? "greater than" : "greater than or equal to";
            errors.Add(FieldErrors.Invalid(path, value, $"{path} in body should be {words} {JsonNumbers.Format(min)}"));
        }
        if (schema.MultipleOf is { } factor && factor > 0)
        {
            var quotient = n / factor;
            if (Math.Abs(quotient - Math.Round(quotient)) > 1e-9)
            {
                errors.Add(FieldErrors.Invalid(path, value, $"{path} in body should be a multiple of {JsonNumbers.Format(factor)}"));
            }
        }
    }

    private static void CheckString(SchemaNode schema, string text, JsonNode value, string path, List<FieldError> errors)
    {
        // Lengths count code points (Go's utf8.RuneCountInString), not UTF-16 units.
        var length = CodePoints(text);
        if (schema.MaxLength is { } max && length > max)
        {
            errors.Add(FieldErrors.TooLong(path, max));
        }
        if (schema.MinLength is { } min && length < min)
        {
            errors.Add(FieldErrors.Invalid(path, value, string.Create(CultureInfo.InvariantCulture, $"{path} in body should be at least {min} chars long")));
        }
        if (schema.Pattern is { } pattern && !Re2Regex.IsMatch(pattern, text))
        {
            errors.Add(FieldErrors.Invalid(path, value, $"{path} in body should match '{schema.PatternText}'"));
        }
        if (schema.Format is { } format && Formats.Rejects(format, text))
        {
            errors.Add(FieldErrors.Invalid(path, value, $"{path} in body must be of type {format}: {FieldErrors.Quote(text)}"));
        }
    }

    public static int CodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            count++;
        }
        return count;
    }

    /// <summary>allOf/anyOf/oneOf/not carry value validations only (structural schemas forbid types in them).</summary>
    private void CheckComposition(SchemaNode schema, JsonNode value, string path, List<FieldError> errors)
    {
        foreach (var part in schema.AllOf)
        {
            ValidatePart(part, value, path, errors);
        }
        if (schema.AnyOf.Count > 0 && !schema.AnyOf.Any(p => Passes(p, value, path)))
        {
            errors.Add(FieldErrors.Invalid(path, value, $"{path} in body must validate at least one schema (anyOf)"));
            foreach (var part in schema.AnyOf)
            {
                ValidatePart(part, value, path, errors);
            }
        }
        if (schema.OneOf.Count > 0 && schema.OneOf.Count(p => Passes(p, value, path)) != 1)
        {
            errors.Add(FieldErrors.Invalid(path, value, $"{path} in body must validate one and only one schema (oneOf)"));
        }
        if (schema.Not is { } not && Passes(not, value, path))
        {
            errors.Add(FieldErrors.Invalid(path, value, $"{path} in body must not validate the schema (not)"));
        }
    }

    private bool Passes(SchemaNode part, JsonNode value, string path)
    {
        var scratch = new List<FieldError>();
        ValidatePart(part, value, path, scratch);
        return scratch.Count == 0;
    }

    private void ValidatePart(SchemaNode part, JsonNode value, string path, List<FieldError> errors)
    {
        // A value validation never correlates with the old object and never runs CEL (structural schemas forbid rules there).
        Plain.Validate(part, value, null, false, path, errors);
    }

    private void CheckObject(SchemaNode schema, JsonObject obj, JsonObject? old, bool correlated, string path, List<FieldError> errors)
    {
        foreach (var name in schema.Required)
        {
            if (!obj.ContainsKey(name))
            {
                errors.Add(FieldErrors.Required(ValuePaths.Child(path, name)));
            }
        }
        if (schema.MaxProperties is { } max && obj.Count > max)
        {
            errors.Add(FieldErrors.TooMany(path, obj.Count, max));
        }
        if (schema.MinProperties is { } min && obj.Count < min)
        {
            errors.Add(FieldErrors.Invalid(path, obj, string.Create(CultureInfo.InvariantCulture, $"{path} in body should have at least {min} properties")));
        }
        if (schema.EmbeddedResource)
        {
            foreach (var name in new[] { "apiVersion", "kind" })
            {
                if (obj[name] is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>().Length == 0)
                {
                    errors.Add(FieldErrors.Required(ValuePaths.Child(path, name), "must not be empty"));
                }
            }
        }
        foreach (var (name, child) in obj)
        {
            var childPath = ValuePaths.Child(path, name);
            var oldChild = old?[name];
            var childCorrelated = correlated && old is not null && old.ContainsKey(name);
            if (path.Length == 0 && name == "metadata")
            {
                // Only name and generateName of the object's own metadata follow the schema; the rest is ObjectMeta's.
                continue;
            }
            if (schema.Properties.TryGetValue(name, out var property))
            {
                Validate(property, child, oldChild, childCorrelated, childPath, errors);
            }
            else if (schema.AdditionalProperties is { } values)
            {
                Validate(values, child, oldChild, childCorrelated, childPath, errors);
            }
            else if (schema.AdditionalPropertiesForbidden)
            {
                errors.Add(FieldErrors.Forbidden(childPath, $"{childPath} in body is a forbidden property"));
            }
        }
    }

    private void CheckArray(SchemaNode schema, JsonArray array, JsonArray? old, bool correlated, string path, List<FieldError> errors)
    {
        if (schema.MaxItems is { } max && array.Count > max)
        {
            errors.Add(FieldErrors.TooMany(path, array.Count, max));
        }
        if (schema.MinItems is { } min && array.Count < min)
        {
            errors.Add(FieldErrors.Invalid(path, array, string.Create(CultureInfo.InvariantCulture, $"{path} in body should have at least {min} items")));
        }
        switch (schema.ListType)
        {
            case ListTypes.Set:
                CheckUnique(array, item => item, path, errors);
                break;
            case ListTypes.Map:
                CheckUnique(array, item => MapKey(schema, item), path, errors);
                break;
            default:
                break;
        }
        if (schema.Items is not { } items)
        {
            return;
        }
        for (var i = 0; i < array.Count; i++)
        {
            // Only list-type=map entries correlate with the old list (by their keys); kube cannot pair positions.
            JsonNode? oldItem = null;
            var itemCorrelated = false;
            if (correlated && old is not null && schema.ListType == ListTypes.Map)
            {
                var key = MapKey(schema, array[i]);
                oldItem = old.FirstOrDefault(o => JsonNode.DeepEquals(MapKey(schema, o), key));
                itemCorrelated = oldItem is not null;
            }
            Validate(items, array[i], oldItem, itemCorrelated, ValuePaths.Index(path, i), errors);
        }
    }

    private static JsonObject MapKey(SchemaNode schema, JsonNode? item)
    {
        var key = new JsonObject();
        foreach (var name in schema.ListMapKeys)
        {
            var part = item is JsonObject o ? o[name] : null;
            // A missing key takes its default (kube defaults map keys before comparing).
            part ??= schema.Items?.Properties.TryGetValue(name, out var p) == true ? p.Default : null;
            key[name] = part?.DeepClone();
        }
        return key;
    }

    private static void CheckUnique(JsonArray array, Func<JsonNode?, JsonNode?> keyOf, string path, List<FieldError> errors)
    {
        var seen = new List<JsonNode?>();
        for (var i = 0; i < array.Count; i++)
        {
            var key = keyOf(array[i]);
            if (seen.Any(s => JsonNode.DeepEquals(s, key)))
            {
                errors.Add(FieldErrors.Duplicate(ValuePaths.Index(path, i), key));
            }
            else
            {
                seen.Add(key);
            }
        }
    }
}
