namespace ApiSentinel.Contract;

/// <summary>
/// The values of <see cref="SensitiveObservation.Type"/> for the built-in detectors: the one home of these strings.
/// The sensor's detectors report them (constants, so reporting a match never allocates); the collector's risk model
/// and static-asset findings grade them. Custom detectors report their configured name instead.
/// </summary>
public static class SensitiveTypes
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
}
