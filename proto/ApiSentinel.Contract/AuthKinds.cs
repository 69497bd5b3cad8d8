namespace ApiSentinel.Contract;

/// <summary>
/// The values of <see cref="ApiCall.Auth"/>: the kind of credential a call carried. The one home of these strings —
/// the sensor's classifier reports them, the collector's spec mapping, conformance check and risk model read them.
/// </summary>
public static class AuthKinds
{
    /// <summary>No credential: the call was unauthenticated.</summary>
    public const string None = "none";

    /// <summary>An Authorization scheme not classified further (AWS4-HMAC-SHA256, a vendor scheme).</summary>
    public const string Other = "other";

    public const string Basic = "basic";

    public const string Digest = "digest";

    /// <summary>A session cookie (by its name).</summary>
    public const string SessionCookie = "session-cookie";

    /// <summary>An API key in a header or query parameter (by its name).</summary>
    public const string ApiKey = "api-key";

    /// <summary>Negotiate / NTLM.</summary>
    public const string Negotiate = "negotiate";

    /// <summary>An opaque bearer token.</summary>
    public const string Bearer = "bearer";

    /// <summary>A bearer token that is a JWT (its <c>alg</c> is reported in <see cref="ApiCall.JwtAlgorithm"/>).</summary>
    public const string Jwt = "jwt";

    /// <summary>An OAuth 2 token, from a source that can tell (a proxy that validated it); packets only show a bearer token.</summary>
    public const string OAuth2 = "oauth2";

    /// <summary>
    /// Mutual TLS: the client proved a key that never travels. Only a source that terminates TLS can report it; a
    /// packet sensor parsing plaintext never does. Spec security schemes of type <c>mutualTLS</c> map onto it too.
    /// </summary>
    public const string Mtls = "mtls";
}
