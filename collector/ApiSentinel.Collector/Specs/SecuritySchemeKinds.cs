using Microsoft.OpenApi;

namespace ApiSentinel.Collector.Specs;

/// <summary>Maps OpenAPI security schemes onto the credential kinds the sensor's auth classifier reports.</summary>
internal static class SecuritySchemeKinds
{
    public const string None = "none";

    public static string Of(IOpenApiSecurityScheme scheme) => scheme.Type switch
    {
        SecuritySchemeType.ApiKey => "api-key",
        SecuritySchemeType.OAuth2 => "oauth2",
        SecuritySchemeType.OpenIdConnect => "openid",
        SecuritySchemeType.MutualTLS => "mutual-tls",
        SecuritySchemeType.Http => scheme.Scheme?.ToLowerInvariant() switch
        {
            "basic" => "basic",
            "digest" => "digest",
            "negotiate" => "negotiate",
            _ => "bearer",
        },
        _ => "other",
    };
}
