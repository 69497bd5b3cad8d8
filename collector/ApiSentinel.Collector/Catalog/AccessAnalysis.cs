using System.Globalization;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Derives an endpoint's weak access-control patterns from its aggregate. Everything the sensor parsed was
/// plaintext HTTP, so any credential it saw crossed the network readable — Basic worst of all, since it is the
/// password itself.
/// </summary>
internal static class AccessAnalysis
{
    public static IReadOnlyList<AccessIssue> Analyse(ApiEndpoint endpoint, int tokenProliferationThreshold)
    {
        var issues = new List<AccessIssue>();
        var c = CultureInfo.InvariantCulture;
        var unauthenticated = endpoint.AuthKinds.GetValueOrDefault(AuthKinds.None);
        var authenticated = endpoint.Requests - unauthenticated;
        if (endpoint.AuthKinds.TryGetValue(AuthKinds.Basic, out var basic))
        {
            issues.Add(new AccessIssue("basic-over-plaintext", string.Format(c, "{0} calls sent Basic credentials over plaintext HTTP", basic)));
        }
        var inQuery = endpoint.AuthLocations.Where(l => l.StartsWith("query:", StringComparison.Ordinal)).ToList();
        if (inQuery.Count > 0)
        {
            issues.Add(new AccessIssue("credentials-in-query", "credentials in the URL (logged by proxies and servers): " + string.Join(", ", inQuery)));
        }
        if (endpoint.JwtAlgorithms.Contains("none"))
        {
            issues.Add(new AccessIssue("jwt-alg-none", "unsigned JWTs (alg none) were accepted as credentials"));
        }
        var symmetric = endpoint.JwtAlgorithms.Where(a => a.StartsWith("HS", StringComparison.Ordinal)).ToList();
        if (symmetric.Count > 0)
        {
            issues.Add(new AccessIssue("jwt-symmetric", "JWTs signed with a shared secret (" + string.Join(", ", symmetric) + "): every verifier can mint tokens"));
        }
        if (unauthenticated > 0 && authenticated > 0)
        {
            issues.Add(new AccessIssue("mixed-auth", string.Format(c, "{0} of {1} calls carried no credential while the others did", unauthenticated, endpoint.Requests)));
        }
        else if (unauthenticated > 0)
        {
            issues.Add(new AccessIssue("no-auth", string.Format(c, "none of {0} calls carried a credential", endpoint.Requests)));
        }
        if (endpoint.DistinctCredentials >= tokenProliferationThreshold)
        {
            issues.Add(new AccessIssue("token-proliferation", string.Format(c, "{0}{1} distinct credentials called this endpoint",
                endpoint.DistinctCredentials, endpoint.DistinctCredentialsCapped ? "+" : "")));
        }
        return issues;
    }
}
