namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// The kind of a value — what a query parameter or a JSON field held — without the value: the catalog infers
/// parameter types and checks them against specs from these. Shared string instances, so records cost nothing.
/// </summary>
public static class ValueKind
{
    public const string Empty = "empty";
    public const string Integer = "integer";
    public const string Number = "number";
    public const string Boolean = "boolean";
    public const string Uuid = "uuid";
    public const string Date = "date";
    public const string DateTime = "date-time";
    public const string Email = "email";
    public const string String = "string";
    public const string Array = "array";
    public const string Object = "object";
    public const string Null = "null";

    /// <summary>Classifies a text value (a decoded query value, a JSON string).</summary>
    public static string Of(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return Empty;
        }
        if (IsInteger(value))
        {
            return Integer;
        }
        // Only text made of number characters is worth a parse: trying double.TryParse on every string value of
        // every JSON body showed in the pipeline's profile.
        if (value.Length <= 32 && (char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.') &&
            !value.ContainsAnyExcept(NumberCharacters) &&
            double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return Number;
        }
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return Boolean;
        }
        if (value.Length == 36 && Guid.TryParseExact(value, "D", out _))
        {
            return Uuid;
        }
        if (value.Length == 10 && IsDate(value))
        {
            return Date;
        }
        if (value.Length is >= 19 and <= 35 && IsDate(value[..10]) && value[10] is 'T' or 't' or ' ' &&
            System.DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            return DateTime;
        }
        var at = value.IndexOf('@');
        if (at > 0 && at < value.Length - 3 && value[(at + 1)..].Contains('.') && !value.Contains(' '))
        {
            return Email;
        }
        return String;
    }

    /// <summary>
    /// Classifies a JSON <em>string</em>: its formats (uuid, date, e-mail…) still count, but a string of digits
    /// (<c>"02108"</c>, a card number) or one reading <c>"true"</c> is a string — the producer chose to quote it,
    /// and a schema that says integer would reject it (and drop a ZIP code's leading zero).
    /// </summary>
    public static string OfJsonString(ReadOnlySpan<char> value)
    {
        var kind = Of(value);
        return kind is Integer or Number or Boolean ? String : kind;
    }

    private static readonly System.Buffers.SearchValues<char> NumberCharacters = System.Buffers.SearchValues.Create("0123456789.eE+-");

    private static bool IsInteger(ReadOnlySpan<char> value)
    {
        var digits = value[0] == '-' ? value[1..] : value;
        return !digits.IsEmpty && digits.Length <= 19 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>yyyy-mm-dd with a plausible month and day.</summary>
    private static bool IsDate(ReadOnlySpan<char> v) =>
        v.Length == 10 && v[4] == '-' && v[7] == '-' && !v[..4].ContainsAnyExceptInRange('0', '9') &&
        v[5] is '0' or '1' && char.IsAsciiDigit(v[6]) && v[8] is >= '0' and <= '3' && char.IsAsciiDigit(v[9]);
}
