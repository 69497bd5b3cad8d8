using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Specs;

/// <summary>
/// Compares what was observed on one endpoint with its spec operation. Only names and kinds are compared — the
/// collector never has values. Violations are deterministic (sorted by kind, then subject).
/// </summary>
/// <remarks>
/// Deliberate leniency: headers that belong to HTTP/browsers/proxies are never undocumented; a field below an
/// undocumented field is not reported again; missing-required-parameter is reported only for query and header
/// parameters never seen on the endpoint (the shape is a union over calls, so "absent" means always absent);
/// undocumented-auth is judged only when the spec declares security (a spec silent on security gives no verdict),
/// and <c>none</c>/<c>other</c> observations are never reported.
/// </remarks>
public sealed class ConformanceChecker
{
    public IReadOnlyList<ConformanceViolation> Check(SpecOperation operation, ObservedShape observed)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(observed);
        var violations = new List<ConformanceViolation>();
        CheckQuery(operation, observed, violations);
        CheckHeaders(operation, observed, violations);
        CheckStatuses(operation, observed, violations);
        CheckFields(operation.RequestFields, observed.RequestFieldKinds, ViolationKinds.UndocumentedRequestField, "request", violations);
        // A spec whose responses declare no schema says nothing about response bodies, so nothing in them can
        // contradict it — like a spec without security requirements, which cannot be violated by a credential.
        // (Published specs often describe responses by description only; flagging every field made every
        // endpoint of such a spec non-conformant.) A request body where the spec declares none is still reported.
        if (operation.ResponseFields.Count > 0)
        {
            CheckFields(operation.ResponseFields, observed.ResponseFieldKinds, ViolationKinds.UndocumentedResponseField, "response", violations);
        }
        CheckAuth(operation, observed, violations);
        violations.Sort((a, b) =>
        {
            var byKind = string.CompareOrdinal(a.Kind, b.Kind);
            return byKind != 0 ? byKind : string.CompareOrdinal(a.Subject, b.Subject);
        });
        return violations;
    }

    private static void CheckQuery(SpecOperation operation, ObservedShape observed, List<ConformanceViolation> violations)
    {
        foreach (var (name, kinds) in observed.QueryKinds)
        {
            var parameter = operation.Parameters.FirstOrDefault(p => p.In == "query" && p.Name == name);
            if (parameter is null)
            {
                if (!operation.CredentialQueryParameters.Contains(name))
                {
                    violations.Add(new(ViolationKinds.UndocumentedQueryParameter, "query:" + name,
                        $"seen with {Join(kinds)}; not declared by {operation.Method} {operation.PathTemplate}"));
                }

                continue;
            }

            CheckKinds("query:" + name, kinds, parameter.Type, textual: true, violations);
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In == "query" && p.Required))
        {
            if (!observed.QueryKinds.ContainsKey(parameter.Name))
            {
                violations.Add(new(ViolationKinds.MissingRequiredParameter, "query:" + parameter.Name,
                    "required by the spec, absent from every observed call"));
            }
        }
    }

    private static void CheckHeaders(SpecOperation operation, ObservedShape observed, List<ConformanceViolation> violations)
    {
        var declared = operation.Parameters.Where(p => p.In == "header").Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var header in observed.RequestHeaders)
        {
            if (!declared.Contains(header) && !operation.CredentialHeaders.Contains(header) && !StandardRequestHeaders.Contains(header))
            {
                violations.Add(new(ViolationKinds.UndocumentedHeader, "header:" + header.ToLowerInvariant(),
                    "non-standard request header not declared by the spec"));
            }
        }

        var seen = observed.RequestHeaders.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in operation.Parameters.Where(p => p.In == "header" && p.Required))
        {
            if (!seen.Contains(parameter.Name))
            {
                violations.Add(new(ViolationKinds.MissingRequiredParameter, "header:" + parameter.Name.ToLowerInvariant(),
                    "required by the spec, absent from every observed call"));
            }
        }
    }

    private static void CheckStatuses(SpecOperation operation, ObservedShape observed, List<ConformanceViolation> violations)
    {
        if (operation.ResponseStatuses.Contains("default"))
        {
            return;
        }

        foreach (var status in observed.Statuses.Order())
        {
            var exact = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var range = exact.Length == 3 ? exact[0] + "XX" : "";
            if (!operation.ResponseStatuses.Contains(exact) && !operation.ResponseStatuses.Contains(range))
            {
                violations.Add(new(ViolationKinds.UndocumentedStatus, exact,
                    $"spec declares {string.Join(", ", operation.ResponseStatuses.Order(StringComparer.Ordinal))}"));
            }
        }
    }

    private static void CheckFields(IReadOnlyDictionary<string, string> specFields, IReadOnlyDictionary<string, IReadOnlySet<string>> observedFields,
        string undocumentedKind, string side, List<ConformanceViolation> violations)
    {
        string? lastUndocumented = null;
        // Ordinal order puts a field before the fields below it, so children of an undocumented field are skipped.
        foreach (var (path, kinds) in observedFields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (lastUndocumented is not null && FieldPathLookup.IsUnder(path, lastUndocumented))
            {
                continue;
            }

            var type = FieldPathLookup.Find(specFields, path);
            if (type is null)
            {
                lastUndocumented = path;
                violations.Add(new(undocumentedKind, path, specFields.Count == 0
                    ? $"seen with {Join(kinds)}; the spec defines no {side} body schema"
                    : $"seen with {Join(kinds)}; not in the {side} schema"));
                continue;
            }

            CheckKinds(path, kinds, type, textual: false, violations);
        }
    }

    private static void CheckAuth(SpecOperation operation, ObservedShape observed, List<ConformanceViolation> violations)
    {
        if (operation.SecuritySchemes.Count == 0)
        {
            return;
        }

        foreach (var kind in observed.AuthKinds.Order(StringComparer.Ordinal))
        {
            if (kind is AuthKinds.None or AuthKinds.Other || AuthDeclared(kind, operation.SecuritySchemes))
            {
                continue;
            }

            violations.Add(new(ViolationKinds.UndocumentedAuth, kind,
                $"spec accepts {string.Join(", ", operation.SecuritySchemes)}"));
        }
    }

    private static bool AuthDeclared(string observedKind, IReadOnlyList<string> schemes) => observedKind switch
    {
        AuthKinds.Bearer or AuthKinds.Jwt => schemes.Any(s => s is AuthKinds.Bearer or AuthKinds.OAuth2 or SecuritySchemeKinds.OpenId),
        AuthKinds.SessionCookie => schemes.Contains(AuthKinds.ApiKey),
        _ => schemes.Contains(observedKind),
    };

    private static void CheckKinds(string subject, IReadOnlySet<string> kinds, string type, bool textual, List<ConformanceViolation> violations)
    {
        var misfits = kinds.Where(k => !KindCompatibility.Fits(k, type, textual)).Order(StringComparer.Ordinal).ToArray();
        if (misfits.Length > 0)
        {
            violations.Add(new(ViolationKinds.TypeMismatch, subject, $"seen as {string.Join(", ", misfits)}; spec type {type}"));
        }
    }

    private static string Join(IReadOnlySet<string> kinds) =>
        kinds.Count == 0 ? "no value kind" : string.Join(", ", kinds.Order(StringComparer.Ordinal));
}
