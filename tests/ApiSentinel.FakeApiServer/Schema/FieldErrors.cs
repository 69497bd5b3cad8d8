using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>
/// Makes <see cref="FieldError"/>s with the message shapes of k8s.io/apimachinery's <c>field</c> package, so a test
/// (or a person reading the fake server's 422) sees what the real server would print.
/// </summary>
public static class FieldErrors
{
    /// <summary>How the field package prints an empty path (a rule on the object itself).</summary>
    public const string RootPath = "<nil>";

    public static FieldError Invalid(string path, JsonNode? value, string detail) =>
        Make(path, FieldErrorTypes.Invalid, FormatValue(value), detail);

    /// <summary>An invalid value that is a word, not data: CEL failures print the schema type (<c>"object"</c>).</summary>
    public static FieldError InvalidWord(string path, string word, string detail) =>
        Make(path, FieldErrorTypes.Invalid, Quote(word), detail);

    /// <summary>A value of the wrong type: the invalid value printed is the type it has (<c>"string"</c>).</summary>
    public static FieldError TypeInvalid(string path, string actualType, string detail) =>
        Make(path, FieldErrorTypes.TypeInvalid, Quote(actualType), detail);

    public static FieldError Required(string path, string detail = "") => Make(path, FieldErrorTypes.Required, null, detail);

    public static FieldError Forbidden(string path, string detail) => Make(path, FieldErrorTypes.Forbidden, null, detail);

    public static FieldError NotSupported(string path, JsonNode? value, IEnumerable<JsonNode?> supported) =>
        Make(path, FieldErrorTypes.NotSupported, FormatValue(value),
            // kube quotes every choice, JSON-encoding the ones that are not strings ("1", "true").
            "supported values: " + string.Join(", ", supported.Select(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String
                ? Quote(s.GetValue<string>())
                : Quote(v?.ToJsonString() ?? "null"))));

    public static FieldError TooLong(string path, long max) =>
        Make(path, FieldErrorTypes.TooLong, null, string.Create(CultureInfo.InvariantCulture,
            $"may not be more than {max} {(max == 1 ? "byte" : "bytes")}"));

    public static FieldError TooMany(string path, long actual, long max) =>
        Make(path, FieldErrorTypes.TooMany, actual.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture,
            $"must have at most {max} {(max == 1 ? "item" : "items")}"));

    public static FieldError Duplicate(string path, JsonNode? value) => Make(path, FieldErrorTypes.Duplicate, FormatValue(value), "");

    /// <summary>A CEL rule's failure with its declared <c>reason</c> (kube's <c>FieldValue*</c> names).</summary>
    public static FieldError ForReason(string reason, string path, string schemaType, string detail) => reason switch
    {
        FieldErrorTypes.Forbidden => Forbidden(path, detail),
        FieldErrorTypes.Required => Required(path, detail),
        FieldErrorTypes.Duplicate => Make(path, FieldErrorTypes.Duplicate, Quote(schemaType), detail),
        _ => InvalidWord(path, schemaType, detail),
    };

    /// <summary>A value as Go's field package prints it: strings quoted (%q), numbers and booleans bare.</summary>
    public static string FormatValue(JsonNode? value)
    {
        if (value is null)
        {
            return "null";
        }
        if (value is JsonValue scalar)
        {
            switch (scalar.GetValueKind())
            {
                case JsonValueKind.String:
                    return Quote(scalar.GetValue<string>());
                case JsonValueKind.True:
                    return "true";
                case JsonValueKind.False:
                    return "false";
                case JsonValueKind.Number:
                    return JsonNumbers.Format(scalar);
                default:
                    break;
            }
        }
        // Go prints composite values with %#v; JSON says the same thing more readably.
        return value.ToJsonString();
    }

    /// <summary>Go's %q: double quotes, backslash escapes for quotes, backslashes and control characters.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static FieldError Make(string path, string type, string? value, string detail)
    {
        var shown = path.Length == 0 ? RootPath : path;
        var sb = new StringBuilder(shown).Append(": ").Append(FieldErrorTypes.Words(type));
        if (value is not null)
        {
            sb.Append(": ").Append(value);
        }
        if (detail.Length > 0)
        {
            sb.Append(": ").Append(detail);
        }
        return new FieldError(shown, type, sb.ToString());
    }
}
