namespace ApiSentinel.Collector.Risk;

/// <summary>The values of <see cref="AccessIssue.Kind"/>, in the order <see cref="AccessAnalysis"/> reports them.</summary>
public static class AccessIssueKinds
{
    /// <summary>No call carried a credential.</summary>
    public const string NoAuth = "no-auth";

    /// <summary>Some calls carried no credential while others did: auth is evidently not enforced on every call.</summary>
    public const string MixedAuth = "mixed-auth";

    /// <summary>Calls were authenticated by two or more kinds of credential.</summary>
    public const string MixedSchemes = "mixed-schemes";

    /// <summary>Basic credentials (the password itself) seen in clear text.</summary>
    public const string BasicOverPlaintext = "basic-over-plaintext";

    /// <summary>A credential carried in the query string, which proxies and servers log.</summary>
    public const string CredentialsInQuery = "credentials-in-query";

    /// <summary>Unsigned JWTs (<c>alg: none</c>, in any case) used as credentials.</summary>
    public const string JwtAlgNone = "jwt-alg-none";

    /// <summary>JWTs signed with a shared secret (<c>HS*</c>, in any case): every verifier can mint tokens.</summary>
    public const string JwtSymmetric = "jwt-symmetric";

    /// <summary>At least the configured number of distinct credentials called the endpoint.</summary>
    public const string TokenProliferation = "token-proliferation";
}
