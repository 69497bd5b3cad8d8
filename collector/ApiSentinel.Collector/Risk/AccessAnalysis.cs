using System.Globalization;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Risk;

/// <summary>
/// The one implementation of the weak access-control rules: finds an endpoint's <see cref="AccessIssue"/>s from
/// what its calls carried. The catalog lists what it finds on each endpoint, and <see cref="AccessControlFactor"/>
/// scores exactly that list (its evidence is the issues' evidence), so the two can no longer disagree — they used to
/// have their own copies with different thresholds (100 and 1 000 distinct credentials) and case handling of JWT
/// algorithms (<c>NONE</c> was unsigned for the score, not for the issue list).
/// </summary>
public static class AccessAnalysis
{
    /// <summary>
    /// Distinct credentials from which token proliferation is reported, unless configured
    /// (<c>CatalogOptions.TokenProliferationThreshold</c>). 1 000: an API with a few hundred users, each with a
    /// token of their own, is ordinary; far more credentials than that on one endpoint is the leaked-or-minted pattern.
    /// </summary>
    public const int DefaultTokenProliferationThreshold = 1_000;

    public static IReadOnlyList<AccessIssue> Analyse(RiskInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Requests <= 0 || inputs.StaticAsset)
        {
            // A page, script or image is fetched by every browser without credentials; that is not a weakness.
            return [];
        }

        long total = 0, unauthenticated = 0;
        var schemes = new List<string>();
        foreach (var (kind, calls) in inputs.AuthKinds.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (calls <= 0)
            {
                continue;
            }
            total += calls;
            if (kind == AuthKinds.None)
            {
                unauthenticated += calls;
            }
            else
            {
                schemes.Add(kind);
            }
        }
        if (total == 0)
        {
            return [];
        }

        var issues = new List<AccessIssue>();
        if (schemes.Count == 0)
        {
            issues.Add(new(AccessIssueKinds.NoAuth, inputs.StateChanging
                ? Invariant($"no authentication on any of {total} calls of a state-changing method ({inputs.Method})")
                : Invariant($"no authentication on any of {total} calls")));
        }
        else if (unauthenticated > 0)
        {
            issues.Add(new(AccessIssueKinds.MixedAuth, Invariant($"auth missing on {unauthenticated} of {total} calls")));
        }
        if (schemes.Count > 1)
        {
            issues.Add(new(AccessIssueKinds.MixedSchemes, $"mixed schemes: {string.Join(", ", schemes)}"));
        }
        if (inputs.BasicOverPlaintextCalls > 0)
        {
            issues.Add(new(AccessIssueKinds.BasicOverPlaintext, Invariant($"basic credentials over clear text on {inputs.BasicOverPlaintextCalls} calls")));
        }
        if (inputs.CredentialsInQuery.Count > 0)
        {
            issues.Add(new(AccessIssueKinds.CredentialsInQuery,
                "credentials in the query string: " + string.Join(", ", inputs.CredentialsInQuery.Order(StringComparer.Ordinal))));
        }

        // JWT algorithms in any case: libraries that accepted "NONE" or "nOnE" as unsigned are why attackers send them.
        var algorithms = inputs.JwtAlgorithms.Order(StringComparer.Ordinal).ToList();
        if (algorithms.Any(IsUnsigned))
        {
            issues.Add(new(AccessIssueKinds.JwtAlgNone, "JWT alg none (unsigned tokens accepted)"));
        }
        var symmetric = algorithms.Where(IsSymmetric).ToList();
        if (symmetric.Count > 0)
        {
            issues.Add(new(AccessIssueKinds.JwtSymmetric, $"symmetric JWT algorithm {string.Join(", ", symmetric)} (shared secret)"));
        }
        if (inputs.DistinctCredentials >= inputs.TokenProliferationThreshold)
        {
            issues.Add(new(AccessIssueKinds.TokenProliferation, Invariant(
                $"{inputs.DistinctCredentials}{(inputs.DistinctCredentialsCapped ? "+" : "")} distinct credentials (token proliferation)")));
        }
        return issues;
    }

    /// <summary>An unsigned JWT's algorithm, in any case.</summary>
    internal static bool IsUnsigned(string algorithm) => string.Equals(algorithm, "none", StringComparison.OrdinalIgnoreCase);

    /// <summary>An HMAC (shared-secret) JWT algorithm, in any case.</summary>
    internal static bool IsSymmetric(string algorithm) => algorithm.StartsWith("HS", StringComparison.OrdinalIgnoreCase);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
