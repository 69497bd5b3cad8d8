using System.Text;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The raw values the suite plants in traffic and access-log entries — each in the exact form it travels in
/// (a Basic credential is searched as its base64, which is what is on the wire). Each is distinctive enough
/// that finding it anywhere downstream can only mean it leaked. Card numbers pass Luhn and the SSN the
/// issuance rules, so the sensor's detectors fire on them (they must be *detected*, and still not leak).
/// </summary>
internal static class PlantedSecrets
{
    public const string BearerToken = "e2eBearerPLANTED0Q7xZk2mVt9sLw4R";

    /// <summary>The signature part of <see cref="Jwt"/>: the JWT's secret part (its header is the same in every HS256 token).</summary>
    public const string JwtSignature = "PLANTEDsig_e2e_Zq8Xv3Lm0Nw7Rt5Yu1Io9";

    // {"alg":"HS256","typ":"JWT"} . {"sub":"e2e-user-7731","role":"admin"} . signature
    public const string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJlMmUtdXNlci03NzMxIiwicm9sZSI6ImFkbWluIn0." + JwtSignature;

    public const string ApiKeyHeader = "e2e-apikey-PLANTED-93kd02mf71";

    public const string ApiKeyQuery = "e2eQueryKeyPLANTED5521x";

    public const string BasicUserPassword = "e2euser:BasicPw-PLANTED-8812";

    public const string SessionCookie = "e2eSessionPLANTED7731abcd";

    public const string PasswordInBody = "Hunter2-PLANTED-pw-6610";

    public const string CardNumber = "4539148803436467";

    public const string ResponseCardNumber = "5425233430109903";

    public const string Ssn = "536-22-8471";

    public const string ResponseSsn = "417-38-2916";

    // Planted in Envoy access-log entries (request header maps and paths), distinct from the packet ones so each
    // channel's positive control checks its own values.
    public const string AccessLogJwtSignature = "ALSsigPLANTED_Kp4Wq9Zr2Tx6Vb8Nm1";

    // {"alg":"RS256","typ":"JWT"} . {"sub":"mesh-client-42"} . signature
    public const string AccessLogJwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJtZXNoLWNsaWVudC00MiJ9." + AccessLogJwtSignature;

    public const string AccessLogApiKey = "als-apikey-PLANTED-55hq19xz02";

    public const string AccessLogQueryKey = "alsQueryKeyPLANTED8804y";

    public const string AccessLogCookie = "alsSessionPLANTED2290wxyz";

    public const string AccessLogBasicUserPassword = "meshsvc:AlsBasicPw-PLANTED-3307";

    public static string AccessLogBasicCredential => Convert.ToBase64String(Encoding.ASCII.GetBytes(AccessLogBasicUserPassword));

    public static string BasicCredential => Convert.ToBase64String(Encoding.ASCII.GetBytes(BasicUserPassword));

    /// <summary>Every value planted in access-log entries.</summary>
    public static IReadOnlyList<(string Name, string Value)> AccessLog =>
    [
        ("ALS JWT", AccessLogJwt),
        ("ALS JWT signature", AccessLogJwtSignature),
        ("ALS API key (header)", AccessLogApiKey),
        ("ALS API key (query)", AccessLogQueryKey),
        ("ALS session cookie", AccessLogCookie),
        ("ALS Basic credential", AccessLogBasicCredential),
    ];

    /// <summary>Every value planted in captured HTTP traffic, by a name for messages.</summary>
    public static IReadOnlyList<(string Name, string Value)> Http =>
    [
        ("bearer token", BearerToken),
        ("JWT", Jwt),
        ("JWT signature", JwtSignature),
        ("API key (header)", ApiKeyHeader),
        ("API key (query)", ApiKeyQuery),
        ("Basic credential", BasicCredential),
        ("session cookie", SessionCookie),
        ("password in a JSON body", PasswordInBody),
        ("card number (request body)", CardNumber),
        ("card number (response body)", ResponseCardNumber),
        ("SSN (request body)", Ssn),
        ("SSN (response body)", ResponseSsn),
    ];
}
