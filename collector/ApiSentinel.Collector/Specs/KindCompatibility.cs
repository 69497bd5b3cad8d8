namespace ApiSentinel.Collector.Specs;

/// <summary>
/// Whether an observed value kind fits a schema type expression.
/// </summary>
/// <remarks>
/// Decisions, chosen to avoid false alarms: integer fits number; uuid, date, date-time and email fit string (string
/// formats are not enforced on plain strings, because the sensor's kind detection is narrower than format
/// validators); an integer schema with a format still accepts any integer; null fits only a nullable schema;
/// <c>empty</c> (an empty value) fits strings, arrays and objects. In query strings and headers every value is
/// text, so a string parameter accepts every scalar kind (<c>?q=42</c> is a fine search string).
/// </remarks>
internal static class KindCompatibility
{
    public static bool Fits(string observedKind, string typeExpression, bool textual)
    {
        if (typeExpression == SchemaTypeExpression.Any)
        {
            return true;
        }

        foreach (var (type, _) in SchemaTypeExpression.Parse(typeExpression))
        {
            if (FitsType(observedKind, type, textual))
            {
                return true;
            }
        }

        return false;
    }

    private static bool FitsType(string kind, string type, bool textual) => type switch
    {
        "string" => kind is "string" or "uuid" or "date" or "date-time" or "email" or "empty" ||
            textual && kind is "integer" or "number" or "boolean",
        "integer" => kind == "integer" || textual && kind == "empty",
        "number" => kind is "integer" or "number" || textual && kind == "empty",
        "boolean" => kind == "boolean" || textual && kind == "empty",
        // A repeated query parameter is reported as array; a single value of an array parameter as its item kind.
        "array" => kind is "array" or "empty" || textual && kind is not "object",
        "object" => kind is "object" or "empty",
        "null" => kind == "null",
        _ => true,
    };
}
