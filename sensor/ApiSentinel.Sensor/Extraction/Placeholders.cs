namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// The constants that stand in for wire text the sensor refuses to echo. One home, so every output (and every
/// test) names them the same way.
/// </summary>
public static class Placeholders
{
    /// <summary>A value or name replaced in the request target (credentials, detected sensitive data, userinfo).</summary>
    public const string Redacted = "REDACTED";

    /// <summary>A JSON object key or form field name that is data, not a name (an e-mail, a card, an id, a token).</summary>
    public const string Key = "{key}";

    /// <summary>A JSON object key too long to be a name.</summary>
    public const string Long = "{long}";

    /// <summary>A Host (or media type) that is not one: the value is never echoed.</summary>
    public const string Invalid = "invalid";

    /// <summary>A Host that is syntactically valid but holds sensitive data (a card number in a label).</summary>
    public const string RedactedHost = "redacted";

    /// <summary>A request method that is not an RFC 9110 token of reasonable length, or that holds data.</summary>
    public const string InvalidMethod = "INVALID";

    /// <summary>A cookie whose name cannot be echoed.</summary>
    public const string UnnamedCookie = "(unnamed)";
}
