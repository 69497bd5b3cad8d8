namespace ApiSentinel.Collector.Findings;

/// <summary>The values of <see cref="Finding.Kind"/>.</summary>
public static class FindingKinds
{
    /// <summary>Many distinct paths with mostly 404/405 answers, or a known scanning tool's User-Agent.</summary>
    public const string Scanner = "scanner";

    /// <summary>Walking (near-)sequential numeric ids on one parameterised endpoint: the BOLA signal.</summary>
    public const string Enumeration = "enumeration";

    /// <summary>Many 401/403 answers to one client in a short window: credential stuffing or brute force.</summary>
    public const string AuthFailureBurst = "auth-failure-burst";

    /// <summary>
    /// Sensitive data (a key, a token, a card or SSN) in a static asset — a script, page or style sheet every
    /// visitor downloads. A content finding, not a behaviour: it has no client.
    /// </summary>
    public const string SecretInStaticAsset = "secret-in-static-asset";

    /// <summary>Kinds that describe what a client did (and so carry a client); the others describe content.</summary>
    public static bool IsBehavioural(string kind) => kind is Scanner or Enumeration or AuthFailureBurst;
}
