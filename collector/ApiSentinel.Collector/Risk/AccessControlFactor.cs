using System.Globalization;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Access control: the weakest scheme the endpoint was called with sets the base, weak patterns add to it.
/// Scheme risk follows the strength order none &lt; basic &lt; api-key &lt; bearer &lt; jwt/oauth2 &lt; mTLS.
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

    /// <summary>Distinct credentials from which token proliferation is reported.</summary>
    public const long TokenProliferationThreshold = 1_000;

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
            // A page, script or image is fetched by every browser without credentials; that is not a weakness.
            return new FactorReading(0, "static asset: public by design");
        }

        var total = used.Sum(pair => pair.Value);
        var unauthenticated = used.Where(pair => pair.Key == AuthKinds.None).Sum(pair => pair.Value);
        var schemes = used.Where(pair => pair.Key != AuthKinds.None).ToList();
        var evidence = new List<string>();
        double fraction;
        string summary;
        if (schemes.Count == 0)
        {
            fraction = inputs.StateChanging ? 1.0 : UnauthenticatedRead;
            evidence.Add(inputs.StateChanging
                ? Invariant($"no authentication on any of {total} calls of a state-changing method ({inputs.Method})")
                : Invariant($"no authentication on any of {total} calls"));
            summary = inputs.StateChanging ? $"no auth on {inputs.Method}" : "no auth";
        }
        else
        {
            var weakest = schemes.OrderByDescending(pair => SchemeRisk(pair.Key)).ThenBy(pair => pair.Key, StringComparer.Ordinal).First();
            fraction = SchemeRisk(weakest.Key);
            evidence.Add(Invariant($"weakest scheme: {weakest.Key} ({weakest.Value} of {total} calls)"));
            summary = (fraction > SchemeRisk(AuthKinds.Bearer) ? "weak auth: " : "auth: ") + weakest.Key;
            if (unauthenticated > 0)
            {
                fraction = Math.Max(fraction, inputs.StateChanging ? PartlyUnauthenticated : PartlyUnauthenticatedRead);
                evidence.Add(Invariant($"auth missing on {unauthenticated} of {total} calls"));
                summary = "auth missing on some calls";
            }

            if (schemes.Count > 1)
            {
                fraction += MixedSchemesPenalty;
                evidence.Add($"mixed schemes: {string.Join(", ", schemes.Select(pair => pair.Key))}");
            }
        }

        if (inputs.Plaintext && inputs.AuthKinds.GetValueOrDefault(AuthKinds.Basic) > 0)
        {
            fraction += BasicOverPlaintextPenalty;
            evidence.Add("basic credentials over clear text");
            summary = "basic auth in clear text";
        }

        if (inputs.CredentialsInQuery)
        {
            fraction += CredentialsInQueryPenalty;
            evidence.Add("credentials in the query string");
        }

        var algorithms = inputs.JwtAlgorithms.Order(StringComparer.Ordinal).ToList();
        if (algorithms.Any(alg => string.Equals(alg, "none", StringComparison.OrdinalIgnoreCase)))
        {
            // An unsigned token is no credential at all: anyone can mint one.
            fraction = 1.0;
            evidence.Add("JWT alg none (unsigned tokens accepted)");
            summary = "JWT alg none";
        }

        var symmetric = algorithms.Where(alg => alg.StartsWith("HS", StringComparison.OrdinalIgnoreCase)).ToList();
        if (symmetric.Count > 0)
        {
            fraction += SymmetricJwtPenalty;
            evidence.Add($"symmetric JWT algorithm {string.Join(", ", symmetric)} (shared secret)");
            if (summary.StartsWith("auth: ", StringComparison.Ordinal))
            {
                summary = $"JWT {string.Join(",", symmetric)} (shared secret)";
            }
        }

        if (inputs.DistinctCredentials >= TokenProliferationThreshold)
        {
            fraction += TokenProliferationPenalty;
            evidence.Add(Invariant($"{inputs.DistinctCredentials} distinct credentials (token proliferation)"));
        }

        return new FactorReading(Math.Min(1.0, fraction), string.Join("; ", evidence), summary);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
