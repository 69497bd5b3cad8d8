namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Kinds of sensitive data the scanner recognises. Values after <see cref="Custom"/> were added later and are
/// appended so the original numeric values never move.
/// </summary>
public enum SensitiveDataType
{
    CreditCard,
    UsSsn,
    Iban,
    Email,
    PhoneNumber,
    Jwt,
    AwsAccessKey,
    GoogleApiKey,
    GitHubToken,
    SlackToken,
    PrivateKey,
    Password,
    Custom,

    /// <summary>A field named like a secret/API key/token carrying a value (field-name context only).</summary>
    Secret,

    /// <summary>A 40-character AWS secret access key, recognised only next to its key name.</summary>
    AwsSecretKey,

    /// <summary>Stripe live secret or restricted keys (sk_live_, rk_live_).</summary>
    StripeKey,

    /// <summary>A field named date of birth carrying a date-like value (field-name context only).</summary>
    DateOfBirth,
}
