using System.Globalization;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Access control: the weakest scheme the endpoint was called with sets the base, and the weak patterns
/// <see cref="AccessAnalysis"/> finds (the same list the catalog shows as the endpoint's access issues) add to it —
/// this factor has no rules of its own beyond the scheme strength order none &lt; basic &lt; api-key &lt; bearer &lt;
/// jwt/oauth2 &lt; mTLS, and its evidence is the issues' evidence.
/// </summary>
internal static class AccessControlFactor
{
    /// <summary>
    /// Base when some calls of a state-changing method carried no credential: auth is evidently not enforced on
    /// every call.
    /// </summary>
    public const double PartlyUnauthenticated = 0.8;

    /// <summary>
    /// No credential on any call of a method that only reads (GET, HEAD, OPTIONS, or unknown). An open read is only
    /// as bad as what it returns, which the sensitive-data factor weighs: scoring it like an open DELETE put
    /// <c>/health</c> above an authenticated endpoint returning SSNs. A state-changing method with no credential
    /// (DELETE, PUT, PATCH, POST) scores the full 1.0.
    /// </summary>
    public const double UnauthenticatedRead = 0.6;

    /// <summary>Base when some calls of a read carried no credential.</summary>
    public const double PartlyUnauthenticatedRead = 0.5;

    public const double MixedSchemesPenalty = 0.1;
    public const double BasicOverPlaintextPenalty = 0.2;
    public const double CredentialsInQueryPenalty = 0.2;
    public const double SymmetricJwtPenalty = 0.1;
    public const double TokenProliferationPenalty = 0.1;

    /// <summary>Unknown schemes rate like an API key: some credential, strength unknown.</summary>
    public const double UnknownSchemeRisk = 0.4;

    /// <summary>Base risk of each scheme: 1 is no protection, 0 is mutual TLS.</summary>
    public static double SchemeRisk(string kind) => kind switch
    {
        AuthKinds.None => 1.0,
        AuthKinds.Basic => 0.6,
        AuthKinds.Digest => 0.5,
        AuthKinds.SessionCookie or AuthKinds.ApiKey or AuthKinds.Other => 0.4,
        AuthKinds.Negotiate or AuthKinds.Bearer => 0.2,
        AuthKinds.Jwt or AuthKinds.OAuth2 => 0.1,
        AuthKinds.Mtls => 0.0,
        _ => UnknownSchemeRisk,
    };

    public static FactorReading Read(RiskInputs inputs)
    {
        var used = inputs.AuthKinds.Where(pair => pair.Value > 0).OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        if (inputs.Requests <= 0 || used.Count == 0)
        {
            return new FactorReading(0, "no calls observed");
        }

        if (inputs.StaticAsset)
        {
            return new FactorReading(0, "static asset: public by design");
        }

        var total = used.Sum(pair => pair.Value);
        var evidence = new List<string>();
        var fraction = 0.0;
        var summary = "";
        var schemes = used.Where(pair => pair.Key != AuthKinds.None).ToList();
        if (schemes.Count > 0)
        {
            var weakest = schemes.OrderByDescending(pair => SchemeRisk(pair.Key)).ThenBy(pair => pair.Key, StringComparer.Ordinal).First();
            fraction = SchemeRisk(weakest.Key);
            evidence.Add(string.Create(CultureInfo.InvariantCulture, $"weakest scheme: {weakest.Key} ({weakest.Value} of {total} calls)"));
            summary = (fraction > SchemeRisk(AuthKinds.Bearer) ? "weak auth: " : "auth: ") + weakest.Key;
        }

        // Issues come in AccessIssueKinds order, which is also the order summaries override each other in.
        foreach (var issue in AccessAnalysis.Analyse(inputs))
        {
            evidence.Add(issue.Evidence);
            switch (issue.Kind)
            {
                case AccessIssueKinds.NoAuth:
                    fraction = inputs.StateChanging ? 1.0 : UnauthenticatedRead;
                    summary = inputs.StateChanging ? $"no auth on {inputs.Method}" : "no auth";
                    break;
                case AccessIssueKinds.MixedAuth:
                    fraction = Math.Max(fraction, inputs.StateChanging ? PartlyUnauthenticated : PartlyUnauthenticatedRead);
                    summary = "auth missing on some calls";
                    break;
                case AccessIssueKinds.MixedSchemes:
                    fraction += MixedSchemesPenalty;
                    break;
                case AccessIssueKinds.BasicOverPlaintext:
                    fraction += BasicOverPlaintextPenalty;
                    summary = "basic auth in clear text";
                    break;
                case AccessIssueKinds.CredentialsInQuery:
                    fraction += CredentialsInQueryPenalty;
                    break;
                case AccessIssueKinds.JwtAlgNone:
                    // An unsigned token is no credential at all: anyone can mint one.
                    fraction = 1.0;
                    summary = "JWT alg none";
                    break;
                case AccessIssueKinds.JwtSymmetric:
                    fraction += SymmetricJwtPenalty;
                    if (summary.StartsWith("auth: ", StringComparison.Ordinal))
                    {
                        summary = $"JWT {string.Join(",", inputs.JwtAlgorithms.Where(AccessAnalysis.IsSymmetric).Order(StringComparer.Ordinal))} (shared secret)";
                    }
                    break;
                case AccessIssueKinds.TokenProliferation:
                    fraction += TokenProliferationPenalty;
                    break;
            }
        }

        return new FactorReading(Math.Min(1.0, fraction), string.Join("; ", evidence), summary);
    }
}
