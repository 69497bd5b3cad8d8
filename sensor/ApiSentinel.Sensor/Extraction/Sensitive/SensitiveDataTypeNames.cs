using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Maps the built-in <see cref="SensitiveDataType"/>s to the names reported in <see cref="SensitiveMatch.Type"/>,
/// which live in the contract (<see cref="SensitiveTypes"/>) because the collector grades them too.
/// </summary>
public static class SensitiveDataTypeNames
{
    /// <summary>The reported name of a built-in type; null for <see cref="SensitiveDataType.Custom"/> (custom names are configured).</summary>
    public static string? Of(SensitiveDataType type) => type switch
    {
        SensitiveDataType.CreditCard => SensitiveTypes.CreditCard,
        SensitiveDataType.UsSsn => SensitiveTypes.UsSsn,
        SensitiveDataType.Iban => SensitiveTypes.Iban,
        SensitiveDataType.Email => SensitiveTypes.Email,
        SensitiveDataType.PhoneNumber => SensitiveTypes.PhoneNumber,
        SensitiveDataType.Jwt => SensitiveTypes.Jwt,
        SensitiveDataType.AwsAccessKey => SensitiveTypes.AwsAccessKey,
        SensitiveDataType.AwsSecretKey => SensitiveTypes.AwsSecretKey,
        SensitiveDataType.GoogleApiKey => SensitiveTypes.GoogleApiKey,
        SensitiveDataType.GitHubToken => SensitiveTypes.GitHubToken,
        SensitiveDataType.SlackToken => SensitiveTypes.SlackToken,
        SensitiveDataType.StripeKey => SensitiveTypes.StripeKey,
        SensitiveDataType.PrivateKey => SensitiveTypes.PrivateKey,
        SensitiveDataType.Password => SensitiveTypes.Password,
        SensitiveDataType.Secret => SensitiveTypes.Secret,
        SensitiveDataType.DateOfBirth => SensitiveTypes.DateOfBirth,
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
