namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// The stable kebab-case names reported in <see cref="SensitiveMatch.Type"/>. They are constants so reporting a
/// match never allocates a string; custom detectors report their configured name instead.
/// </summary>
public static class SensitiveDataTypeNames
{
    public const string CreditCard = "credit-card";
    public const string UsSsn = "us-ssn";
    public const string Iban = "iban";
    public const string Email = "email";
    public const string PhoneNumber = "phone-number";
    public const string Jwt = "jwt";
    public const string AwsAccessKey = "aws-access-key";
    public const string AwsSecretKey = "aws-secret-key";
    public const string GoogleApiKey = "google-api-key";
    public const string GitHubToken = "github-token";
    public const string SlackToken = "slack-token";
    public const string StripeKey = "stripe-key";
    public const string PrivateKey = "private-key";
    public const string Password = "password";
    public const string Secret = "secret";
    public const string DateOfBirth = "date-of-birth";

    /// <summary>The reported name of a built-in type; null for <see cref="SensitiveDataType.Custom"/> (custom names are configured).</summary>
    public static string? Of(SensitiveDataType type) => type switch
    {
        SensitiveDataType.CreditCard => CreditCard,
        SensitiveDataType.UsSsn => UsSsn,
        SensitiveDataType.Iban => Iban,
        SensitiveDataType.Email => Email,
        SensitiveDataType.PhoneNumber => PhoneNumber,
        SensitiveDataType.Jwt => Jwt,
        SensitiveDataType.AwsAccessKey => AwsAccessKey,
        SensitiveDataType.AwsSecretKey => AwsSecretKey,
        SensitiveDataType.GoogleApiKey => GoogleApiKey,
        SensitiveDataType.GitHubToken => GitHubToken,
        SensitiveDataType.SlackToken => SlackToken,
        SensitiveDataType.StripeKey => StripeKey,
        SensitiveDataType.PrivateKey => PrivateKey,
        SensitiveDataType.Password => Password,
        SensitiveDataType.Secret => Secret,
        SensitiveDataType.DateOfBirth => DateOfBirth,
        _ => null,
    };

    /// <summary>Parses an enum name ("CreditCard") or a reported name ("credit-card"), case-insensitively.</summary>
    public static bool TryParse(string? text, out SensitiveDataType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<SensitiveDataType>())
        {
            if (candidate != SensitiveDataType.Custom &&
                (string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase) ||
                 string.Equals(text, Of(candidate), StringComparison.OrdinalIgnoreCase)))
            {
                type = candidate;
                return true;
            }
        }

        return false;
    }
}
