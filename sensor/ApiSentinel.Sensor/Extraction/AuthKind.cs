namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// The kind of credential a request carried, ordered from weakest to strongest as DESIGN.md's risk model ranks
/// them (mTLS is invisible in plaintext captures and so is not a kind here). Only the kind leaves the sensor.
/// </summary>
public enum AuthKind
{
    None = 0,
    /// <summary>An Authorization scheme we do not classify further (e.g. AWS4-HMAC-SHA256, a vendor scheme).</summary>
    Other = 1,
    Basic = 2,
    Digest = 3,
    SessionCookie = 4,
    ApiKey = 5,
    /// <summary>Negotiate / NTLM (Kerberos or NTLM handshakes).</summary>
    Negotiate = 6,
    /// <summary>An opaque bearer token.</summary>
    Bearer = 7,
    /// <summary>A bearer token that is a JWT (its header's <c>alg</c> is recorded).</summary>
    Jwt = 8,
}
