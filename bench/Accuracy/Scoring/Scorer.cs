using ApiSentinel.Bench.Accuracy.Generation;

namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>
/// Compares a catalog with the ground truth. Templates are matched structurally per (host, method). Each catalog
/// endpoint is also associated with the true operation it belongs to (segments equal, or either side a
/// parameter), so a wrongly templated endpoint is still judged on shadow and sensitive data by the operation
/// it really is — a template error is counted once, by the template score.
/// </summary>
internal static class Scorer
{
    public static AccuracyScore Score(string input, bool withSpecs, TimeSpan elapsed, IReadOnlyList<CatalogEndpoint> catalog, IReadOnlyList<TruthOperation> truth,
        IReadOnlyDictionary<string, string?> authLocations)
    {
        var score = new AccuracyScore { Input = input, Elapsed = elapsed, ShadowScored = withSpecs };
        var endpoints = catalog.Where(e => !e.Probed).ToList();
        // A probed path counts as a prediction only where true traffic ended up there (every call of an operation
        // answered 404, say); a scanner's probes are not the catalog's business here.
        var probed = catalog.Where(e => e.Probed && truth.Any(t => Same(t, e) && TemplateShape.Matches(t.Path, e.Path))).ToList();
        score.CatalogEndpoints = endpoints.Count;
        score.CatalogRequests = catalog.Sum(e => e.Requests);

        var truthByKey = truth.ToDictionary(t => TemplateShape.Key(t.Host, t.Method, t.Path));
        var predicted = endpoints.Concat(probed).ToList();
        var predictedKeys = predicted.Select(e => TemplateShape.Key(e.Host, e.Method, e.Path)).ToHashSet();
        score.TemplateExpected = truthByKey.Count;
        score.TemplatePredicted = predictedKeys.Count;
        score.TemplateTruePositives = predictedKeys.Count(truthByKey.ContainsKey);
        foreach (var (key, operation) in truthByKey.Where(p => !predictedKeys.Contains(p.Key)))
        {
            var got = predicted.Where(e => Same(operation, e) && Belongs(e, operation)).Select(Describe).ToList();
            score.TemplateMisses.Add($"missing `{operation.Method} {operation.Path}` ({operation.Spec}, {operation.Calls} calls{(operation.Shadow ? ", shadow" : "")}) — got: {(got.Count == 0 ? "nothing" : string.Join(", ", got.Take(4)) + (got.Count > 4 ? $" and {got.Count - 4} more" : ""))}");
        }
        foreach (var extra in predicted.Where(e => !truthByKey.ContainsKey(TemplateShape.Key(e.Host, e.Method, e.Path))).DistinctBy(e => TemplateShape.Key(e.Host, e.Method, e.Path)))
        {
            var expected = truth.FirstOrDefault(t => Same(t, extra) && Belongs(extra, t));
            score.TemplateMisses.Add($"extra {Describe(extra)} — expected: {(expected is null ? "no such operation" : $"`{expected.Path}`")}");
        }

        foreach (var endpoint in withSpecs ? endpoints : [])
        {
            var operation = Associate(endpoint, truth, truthByKey);
            var expectedShadow = operation?.Shadow ?? false;
            if (endpoint.Shadow && expectedShadow)
            {
                score.ShadowTruePositives++;
            }
            else if (endpoint.Shadow)
            {
                score.ShadowFalsePositives++;
                score.ShadowMisses.Add($"false shadow {Describe(endpoint)} — {(operation is null ? "no true operation" : $"`{operation.Path}` is published")}");
            }
        }
        foreach (var operation in truth.Where(t => withSpecs && t.Shadow))
        {
            var matched = endpoints.Where(e => Associate(e, truth, truthByKey) == operation).ToList();
            if (!matched.Any(e => e.Shadow))
            {
                score.ShadowFalseNegatives++;
                score.ShadowMisses.Add($"shadow not flagged: `{operation.Method} {operation.Path}` ({operation.Spec}, {operation.Calls} calls) — got: {(matched.Count == 0 ? "no endpoint" : string.Join(", ", matched.Select(Describe)))}");
            }
        }

        ScoreSensitive(score, endpoints, truth, truthByKey, authLocations);
        return score;
    }

    private static void ScoreSensitive(AccuracyScore score, List<CatalogEndpoint> endpoints, IReadOnlyList<TruthOperation> truth,
        Dictionary<string, TruthOperation> truthByKey, IReadOnlyDictionary<string, string?> authLocations)
    {
        var reported = new Dictionary<TruthOperation, HashSet<string>>();
        foreach (var endpoint in endpoints)
        {
            var operation = Associate(endpoint, truth, truthByKey);
            // Credentials found where the operation's declared auth scheme puts them are correct and not data.
            var authLocation = operation is null ? null : authLocations[operation.Spec + " " + operation.OperationId];
            var types = endpoint.Sensitive
                .Where(s => !string.Equals(s.Location, authLocation, StringComparison.OrdinalIgnoreCase))
                .Select(s => s.Type).ToHashSet(StringComparer.Ordinal);
            var unexpected = types.Where(t => operation is null || !operation.SensitiveTypes.Contains(t)).ToList();
            if (unexpected.Count > 0)
            {
                score.SensitiveFalsePositiveEndpoints++;
                var where = endpoint.Sensitive.Where(s => unexpected.Contains(s.Type)).Select(s => $"{s.Type} at {s.Location}");
                score.SensitiveMisses.Add($"false positive {Describe(endpoint)}: {string.Join(", ", where)}");
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
        foreach (var operation in truth.Where(t => t.SensitiveTypes.Count > 0))
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

    private static TruthOperation? Associate(CatalogEndpoint endpoint, IReadOnlyList<TruthOperation> truth, Dictionary<string, TruthOperation> truthByKey) =>
        truthByKey.GetValueOrDefault(TemplateShape.Key(endpoint.Host, endpoint.Method, endpoint.Path))
        ?? truth.Where(t => Same(t, endpoint) && Belongs(endpoint, t)).OrderBy(t => t.Path.Count(c => c == '{')).FirstOrDefault();

    private static bool Same(TruthOperation operation, CatalogEndpoint endpoint) =>
        string.Equals(operation.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase) && operation.Method == endpoint.Method;

    // Segment by segment: equal literals, or a parameter on either side (an over- or under-generalised template).
    private static bool Belongs(CatalogEndpoint endpoint, TruthOperation operation)
    {
        var got = endpoint.Path.Split('/');
        var expected = operation.Path.Split('/');
        return got.Length == expected.Length && got.Zip(expected).All(p =>
            p.First == p.Second || p.Second.StartsWith('{') || (p.First.StartsWith('{') && p.First.EndsWith('}')));
    }

    private static string Describe(CatalogEndpoint endpoint) =>
        $"`{endpoint.Method} {endpoint.Path}`{(endpoint.Probed ? " (probed path)" : "")} ({endpoint.Requests} req{(endpoint.Shadow ? ", shadow" : "")})";
}
