using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>What the exchange extractor looks for. Defaults suit common APIs; every list is configurable.</summary>
public sealed class ExtractionOptions
{
    /// <summary>Request headers whose presence means an API key (lower-case names).</summary>
    public HashSet<string> ApiKeyHeaders { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "x-api-key", "api-key", "apikey", "x-apikey", "x-api-token", "x-auth-token", "x-access-token",
        "x-functions-key", "ocp-apim-subscription-key", "x-goog-api-key", "x-rapidapi-key", "private-token",
    };

    /// <summary>Query parameters whose presence means an API key or token in the URL.</summary>
    public HashSet<string> ApiKeyQueryParameters { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "api_key", "apikey", "api-key", "key", "access_token", "token", "auth", "auth_token", "x-api-key",
        "subscription-key", "client_secret", "apiKey", "accessToken",
    };

    /// <summary>Cookie names that carry a session (plus any name containing "session", "sess" or "auth").</summary>
    public HashSet<string> SessionCookieNames { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "sid", "jsessionid", "phpsessid", "connect.sid", "asp.net_sessionid", "laravel_session", "_session_id",
        "session", "sessionid", "token", "jwt", "access_token",
    };

    /// <summary>
    /// Query parameters whose values are replaced by REDACTED in the target even when no detector fires:
    /// credentials by name. API-key parameters are always included.
    /// </summary>
    public HashSet<string> SecretQueryParameters { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pwd", "pass", "secret", "client_secret", "signature", "sig", "code", "otp",
        "refresh_token", "id_token", "session", "sessionid", "ssn", "card", "card_number", "cvv", "pin",
        // Pre-signed cloud URLs carry a working credential in the query.
        "x-amz-signature", "x-amz-credential", "x-amz-security-token", "x-goog-signature", "x-goog-credential",
    };

    /// <summary>
    /// Key of the credential fingerprints (HMAC-SHA256). A fixed key makes fingerprints comparable across sensors
    /// and runs; by default each process draws a random one, so fingerprints cannot be joined with anything else.
    /// </summary>
    public byte[] FingerprintKey { get; set; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    public SensitiveDataOptions SensitiveData { get; set; } = new();

    /// <summary>Scan request/response bodies (the inspected prefix) for sensitive data.</summary>
    public bool InspectBodies { get; set; } = true;
}
