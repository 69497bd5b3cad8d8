using ApiSentinel.Bench.Accuracy.Generation;
using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>
/// Compares a catalog with the ground truth, spec by spec (each spec has its own host). Templates are matched
/// structurally per (host, method) with <see cref="PathShape"/>. Each catalog endpoint is also associated with the
/// true operation it belongs to (segments equal, or either side a parameter), so a wrongly templated endpoint is
/// still judged on shadow and sensitive data by the operation it really is — a template error is counted once.
/// </summary>
internal static class Scorer
{
    public static AccuracyScore Score(string input, string mode, bool shadowScored, TimeSpan elapsed, IReadOnlyList<CatalogEndpoint> catalog,
        IReadOnlyList<TruthOperation> truth, IReadOnlyDictionary<string, string?> authLocations)
    {
        var score = new AccuracyScore { Input = input, Mode = mode, Elapsed = elapsed, ShadowScored = shadowScored };
        score.CatalogEndpoints = catalog.Count(e => !e.Probed);
        score.CatalogRequests = catalog.Sum(e => e.Requests);
        var catalogByHost = catalog.ToLookup(e => e.Host.ToLowerInvariant());
        foreach (var group in truth.GroupBy(t => t.Host.ToLowerInvariant()))
        {
            var operations = group.ToList();
            var host = new HostTruth(operations, t => t.AssetLike && (mode == "no-spec" || t.Shadow));
            var specScore = new SpecScore { Spec = operations[0].Spec, OwnSpec = operations[0].OwnSpec, Operations = operations.Count };
            ScoreTemplates(specScore, host, catalogByHost[group.Key].ToList());
            var endpoints = catalogByHost[group.Key].Where(e => !e.Probed).ToList();
            if (shadowScored)
            {
                ScoreShadow(specScore, host, endpoints);
            }
            ScoreSensitive(score, host, endpoints, authLocations);
            score.Specs.Add(specScore);
        }
        return score;
    }

    private static void ScoreTemplates(SpecScore score, HostTruth host, List<CatalogEndpoint> catalog)
    {
        // A probed path counts as a prediction only where true traffic ended up there (every call of an operation
        // answered 404, say); a scanner's probes are not the catalog's business here.
        var predicted = catalog.Where(e => !e.Probed || host.Operations.Any(t => t.Method == e.Method && Matches(t.Path, e.Path))).ToList();
        var predictedKeys = predicted.Select(Key).Where(k => !host.OptionalKeys.Contains(k)).ToHashSet(StringComparer.Ordinal);
        score.Expected = host.ByKey.Count;
        score.Predicted = predictedKeys.Count;
        score.TruePositives = predictedKeys.Count(host.ByKey.ContainsKey);
        foreach (var (key, operation) in host.ByKey.Where(p => !predictedKeys.Contains(p.Key)))
        {
            var got = predicted.Where(e => e.Method == operation.Method && Belongs(e, operation)).Select(Describe).ToList();
            score.TemplateMisses.Add($"missing `{operation.Method} {operation.Path}` ({operation.Calls} calls{(operation.Shadow ? ", shadow" : "")}) — got: {(got.Count == 0 ? "nothing" : string.Join(", ", got.Take(4)) + (got.Count > 4 ? $" and {got.Count - 4} more" : ""))}");
        }
        foreach (var extra in predicted.Where(e => !host.ByKey.ContainsKey(Key(e)) && !host.OptionalKeys.Contains(Key(e))).DistinctBy(Key))
        {
            var expected = host.Associate(extra);
            score.TemplateMisses.Add($"extra {Describe(extra)} — expected: {(expected is null ? "no such operation" : $"`{expected.Path}`")}");
        }
    }

    // Precision is per flagged endpoint (each false flag is an alert someone reads); recall is per shadow
    // operation (an operation caught once is caught, however many endpoints the catalog split it into) — counting
    // endpoints on one side and operations on the other would let over-splitting raise recall. Optional
    // (asset-like) operations count on neither side.
    //
    // Whose an endpoint is follows the calls: each generated call is routed to the endpoint the catalog's templates
    // give it (CatalogRouter), an endpoint is the operation most of its calls came from, and a shadow operation is
    // caught when most of its calls landed on flagged endpoints. Associating by template alone (segments equal or a
    // parameter on either side, fewest parameters first) judged an inferred /v1/servers/{id}/actions/{action} that
    // held only the calls of removed actions as the published /actions/add_to_placement_group: a false shadow
    // endpoint and as many missed shadow operations as it had absorbed. A flagged endpoint no routed call reaches
    // (the engine filed a call under a template a more specific one now shadows: appwrite's one PUT
    // /v1/account/{accountId} call beside the literal /verification) is a false alert; an unflagged one falls back to
    // the template association, trying first the operations whose other calls landed on endpoints flagged like this
    // one. Recall counts a shadow operation's calls only on flagged endpoints that are a shadow operation's own.
    // Operations without recorded calls use the template association alone (the report also shows that figure, as
    // before this rule).
    private static void ScoreShadow(SpecScore score, HostTruth host, List<CatalogEndpoint> endpoints)
    {
        var router = new CatalogRouter(endpoints);
        var received = new Dictionary<CatalogEndpoint, Dictionary<TruthOperation, int>>(ReferenceEqualityComparer.Instance);
        var flaggedCalls = new Dictionary<TruthOperation, int>();
        var landedOn = new Dictionary<TruthOperation, List<CatalogEndpoint>>();
        foreach (var operation in host.Operations.Where(t => t.CallPaths is not null))
        {
            var landed = landedOn[operation] = [];
            foreach (var path in operation.CallPaths!)
            {
                if (router.Route(operation.Method, path) is not { } endpoint)
                {
                    continue;
                }
                if (!received.TryGetValue(endpoint, out var counts))
                {
                    received[endpoint] = counts = [];
                }
                counts[operation] = counts.GetValueOrDefault(operation) + 1;
                if (!landed.Contains(endpoint, ReferenceEqualityComparer.Instance))
                {
                    landed.Add(endpoint);
                }
            }
        }

        // A shadow operation's calls count as flagged only on a flagged endpoint that is a shadow operation's own (most
        // of its calls came from one): a flagged endpoint lumping mostly published calls is a false alert, not a catch.
        foreach (var (endpoint, counts) in received)
        {
            if (endpoint.Shadow && MajorityOf(counts) is { Shadow: true })
            {
                foreach (var (operation, n) in counts)
                {
                    flaggedCalls[operation] = flaggedCalls.GetValueOrDefault(operation) + n;
                }
            }
        }

        var byOperation = new Dictionary<TruthOperation, List<CatalogEndpoint>>();
        foreach (var endpoint in endpoints)
        {
            var reached = received.TryGetValue(endpoint, out var counts);
            // A flagged endpoint no generated call reaches is a leftover the catalog could not fold (it merges, never
            // splits): scored as a false alert, not credited to an operation by its template (review finding).
            if (!reached && endpoint.Shadow && host.Operations.Any(t => t.CallPaths is not null))
            {
                score.ShadowFalsePositives++;
                score.ShadowMisses.Add($"false shadow {Describe(endpoint)} — no generated call reaches it");
                continue;
            }
            var operation = reached
                ? MajorityOf(counts!)
                : host.Associate(endpoint, t => landedOn.TryGetValue(t, out var landed) && landed.Any(e => e.Shadow == endpoint.Shadow));
            if (operation is not null)
            {
                if (!byOperation.TryGetValue(operation, out var list))
                {
                    byOperation[operation] = list = [];
                }
                list.Add(endpoint);
                if (host.IsOptional(operation))
                {
                    continue;
                }
            }
            if (endpoint.Shadow && operation is { Shadow: true })
            {
                score.ShadowTruePositives++;
            }
            else if (endpoint.Shadow)
            {
                score.ShadowFalsePositives++;
                score.ShadowMisses.Add($"false shadow {Describe(endpoint)} — {(operation is null ? "no true operation" : $"`{operation.Path}` is published")}");
            }
        }
        foreach (var operation in host.Operations.Where(t => t.Shadow && !host.IsOptional(t)))
        {
            var caught = operation.CallPaths is { } calls
                ? flaggedCalls.GetValueOrDefault(operation) * 2 > calls.Count
                : (byOperation.GetValueOrDefault(operation) ?? []).Any(e => e.Shadow);
            if (caught)
            {
                score.ShadowOperationsFlagged++;
            }
            else
            {
                var matched = landedOn.GetValueOrDefault(operation) ?? byOperation.GetValueOrDefault(operation) ?? [];
                score.ShadowFalseNegatives++;
                score.ShadowMisses.Add($"shadow not flagged: `{operation.Method} {operation.Path}` ({operation.Calls} calls) — got: {(matched.Count == 0 ? "no endpoint" : string.Join(", ", matched.Take(4).Select(Describe)))}");
            }
        }
    }

    private static TruthOperation MajorityOf(Dictionary<TruthOperation, int> counts) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key.OperationId, StringComparer.Ordinal).First().Key;

    private static void ScoreSensitive(AccuracyScore score, HostTruth host, List<CatalogEndpoint> endpoints, IReadOnlyDictionary<string, string?> authLocations)
    {
        var reported = new Dictionary<TruthOperation, HashSet<string>>();
        foreach (var endpoint in endpoints)
        {
            var operation = host.Associate(endpoint);
            // Credentials found where the operation's declared auth scheme puts them are correct and not data.
            var authLocation = operation is null ? null : authLocations.GetValueOrDefault(operation.Spec + " " + operation.OperationId);
            var types = endpoint.Sensitive
                .Where(s => !string.Equals(s.Location, authLocation, StringComparison.OrdinalIgnoreCase))
                .Select(s => s.Type).ToHashSet(StringComparer.Ordinal);
            var unexpected = types.Where(t => operation is null || !operation.SensitiveTypes.Contains(t)).ToList();
            if (unexpected.Count > 0)
            {
                score.SensitiveFalsePositiveEndpoints++;
                var where = endpoint.Sensitive.Where(s => unexpected.Contains(s.Type)).Select(s => $"{s.Type} at {s.Location}");
                score.SensitiveMisses.Add($"false positive {Describe(endpoint)} ({endpoint.Host}): {string.Join(", ", where)}");
            }
            if (operation is not null)
            {
                if (!reported.TryGetValue(operation, out var set))
                {
                    reported[operation] = set = [];
                }
                set.UnionWith(types);
            }
        }
        foreach (var operation in host.Operations.Where(t => t.SensitiveTypes.Count > 0))
        {
            score.SensitiveEndpointsExpected++;
            var found = reported.GetValueOrDefault(operation) ?? [];
            var missing = operation.SensitiveTypes.Where(t => !found.Contains(t)).Order(StringComparer.Ordinal).ToList();
            score.SensitivePairsExpected += operation.SensitiveTypes.Count;
            score.SensitivePairsFound += operation.SensitiveTypes.Count - missing.Count;
            if (missing.Count == 0)
            {
                score.SensitiveEndpointsFound++;
            }
            else
            {
                score.SensitiveMisses.Add($"not reported: {string.Join(", ", missing)} on `{operation.Method} {operation.Path}` ({operation.Spec}) — reported: {(found.Count == 0 ? "nothing" : string.Join(", ", found.Order(StringComparer.Ordinal)))}");
            }
        }
    }

    internal static string Key(CatalogEndpoint endpoint) => endpoint.Method + " " + PathShape.Of(endpoint.Path);

    /// <summary>Whether a concrete path (a probed path) is an instance of a template.</summary>
    internal static bool Matches(string template, string path)
    {
        var expected = template.TrimEnd('/').Split('/');
        var actual = path.Split('?')[0].TrimEnd('/').Split('/');
        return expected.Length == actual.Length &&
            expected.Zip(actual).All(p => p.First.Contains('{') || string.Equals(p.First, Uri.UnescapeDataString(p.Second), StringComparison.Ordinal));
    }

    // Segment by segment: equal literals, or a parameter on either side (an over- or under-generalised template).
    internal static bool Belongs(CatalogEndpoint endpoint, TruthOperation operation)
    {
        var got = endpoint.Path.TrimEnd('/').Split('/');
        var expected = operation.Path.TrimEnd('/').Split('/');
        return got.Length == expected.Length && got.Zip(expected).All(p =>
            p.First == p.Second || p.Second.Contains('{') || p.First.Contains('{'));
    }

    private static string Describe(CatalogEndpoint endpoint) =>
        $"`{endpoint.Method} {endpoint.Path}`{(endpoint.Probed ? " (probed path)" : "")} ({endpoint.Requests} req{(endpoint.Shadow ? ", shadow" : "")})";

    /// <summary>One host's true operations, indexed by template shape and by method.</summary>
    private sealed class HostTruth
    {
        /// <param name="optional">Operations not expected in this run (asset-like ones no spec declares); an
        /// endpoint for one is neither right nor wrong.</param>
        public HostTruth(List<TruthOperation> operations, Func<TruthOperation, bool> optional)
        {
            Operations = operations;
            IsOptional = optional;
            ByKey = operations.Where(t => !optional(t)).ToDictionary(t => t.Method + " " + PathShape.Of(t.Path), StringComparer.Ordinal);
            OptionalKeys = operations.Where(optional).Select(t => t.Method + " " + PathShape.Of(t.Path)).ToHashSet(StringComparer.Ordinal);
            _byMethod = operations.ToLookup(t => t.Method);
        }

        private readonly ILookup<string, TruthOperation> _byMethod;

        public List<TruthOperation> Operations { get; }

        public Dictionary<string, TruthOperation> ByKey { get; }

        public HashSet<string> OptionalKeys { get; }

        public Func<TruthOperation, bool> IsOptional { get; }

        /// <param name="likely">Among the operations the endpoint's template fits, those to try first.</param>
        public TruthOperation? Associate(CatalogEndpoint endpoint, Func<TruthOperation, bool>? likely = null) =>
            ByKey.GetValueOrDefault(Key(endpoint))
            ?? Operations.FirstOrDefault(t => OptionalKeys.Contains(Key(endpoint)) && t.Method + " " + PathShape.Of(t.Path) == Key(endpoint))
            ?? _byMethod[endpoint.Method].Where(t => Belongs(endpoint, t))
                .OrderBy(t => likely is not null && likely(t) ? 0 : 1).ThenBy(t => t.Path.Count(c => c == '{')).FirstOrDefault();
    }
}
