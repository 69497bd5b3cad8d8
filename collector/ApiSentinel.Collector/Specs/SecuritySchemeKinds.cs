using Microsoft.OpenApi;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Specs;

/// <summary>Maps OpenAPI security schemes onto the credential kinds the sensor's auth classifier reports.</summary>
/// <remarks>
/// A spec's <c>mutualTLS</c> scheme maps onto <see cref="AuthKinds.Mtls"/> (<c>mtls</c>), the kind a TLS-terminating
/// source reports: the spec mapping once said <c>mutual-tls</c>, so an mTLS call to an operation declaring mutual TLS
/// was reported as undocumented auth.
/// </remarks>
internal static class SecuritySchemeKinds
{
    /// <summary>An empty security requirement: anonymous access allowed.</summary>
    public const string None = AuthKinds.None;

    /// <summary>OpenID Connect: a spec-only kind (on the wire it is a bearer token or JWT).</summary>
    public const string OpenId = "openid";

    public static string Of(IOpenApiSecurityScheme scheme) => scheme.Type switch
    {
        SecuritySchemeType.ApiKey => AuthKinds.ApiKey,
        SecuritySchemeType.OAuth2 => AuthKinds.OAuth2,
        SecuritySchemeType.OpenIdConnect => OpenId,
        SecuritySchemeType.MutualTLS => AuthKinds.Mtls,
        SecuritySchemeType.Http => scheme.Scheme?.ToLowerInvariant() switch
        {
            "basic" => AuthKinds.Basic,
            "digest" => AuthKinds.Digest,
            "negotiate" => AuthKinds.Negotiate,
            _ => AuthKinds.Bearer,
        },
        _ => AuthKinds.Other,
    };
}
