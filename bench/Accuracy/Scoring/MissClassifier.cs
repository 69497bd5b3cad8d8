using ApiSentinel.Bench.Accuracy.Generation;
using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>
/// Sorts the template misses of one run against the spec truth into <see cref="MissClass"/>es, per spec: each
/// missing true template (a false negative) and each extra predicted template (a false positive) gets the first
/// class that explains it. The keys, predictions and optional operations are the scorer's (<see cref="Scorer"/>),
/// so the counts add up to its FN and FP.
/// </summary>
internal static class MissClassifier
{
    /// <param name="truth">The operations of the specs to classify (their hosts select the catalog's endpoints).</param>
    public static MissCounts Classify(IReadOnlyList<CatalogEndpoint> catalog, IEnumerable<TruthOperation> truth)
    {
        var counts = new MissCounts();
        var catalogByHost = catalog.ToLookup(e => e.Host.ToLowerInvariant());
        foreach (var group in truth.GroupBy(t => t.Host.ToLowerInvariant()))
        {
            var operations = group.ToList();
            // No-spec rules: an asset-like operation is optional (Scorer.Score with mode "no-spec").
            var expected = operations.Where(t => !t.AssetLike).ToList();
            var optionalKeys = operations.Where(t => t.AssetLike).Select(Key).ToHashSet(StringComparer.Ordinal);
            var trueKeys = expected.Select(Key).ToHashSet(StringComparer.Ordinal);
            var predicted = catalogByHost[group.Key]
                .Where(e => !e.Probed || operations.Any(t => t.Method == e.Method && Scorer.Matches(t.Path, e.Path)))
                .Where(e => !optionalKeys.Contains(Scorer.Key(e)))
                .ToList();
            var predictedKeys = predicted.Select(Scorer.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var operation in expected.Where(t => !predictedKeys.Contains(Key(t))).DistinctBy(Key))
            {
                counts.Add(ClassifyMissing(operation, predicted, trueKeys), falseNegative: true);
            }
            foreach (var extra in predicted.Where(e => !trueKeys.Contains(Scorer.Key(e))).DistinctBy(Scorer.Key))
            {
                counts.Add(ClassifyExtra(extra, expected), falseNegative: false);
            }
        }
        return counts;
    }

    private static MissClass ClassifyMissing(TruthOperation operation, List<CatalogEndpoint> predicted, HashSet<string> trueKeys)
    {
        // Undecidable only where the engine gave exactly the decidable template (the value as a literal); a single-
        // valued operation the engine got wrong in another way is that other error.
        var decidableKey = operation.Method + " " + PathShape.Of(operation.TrafficDecidablePath);
        if (operation.HasSingleValuedParameter && predicted.Any(e => Scorer.Key(e) == decidableKey))
        {
            return MissClass.SingleValuedParameter;
        }
        if (HasEmbeddedPlaceholder(operation.Path))
        {
            return MissClass.EmbeddedPlaceholder;
        }
        var expected = Segments(operation.Path);
        var receivers = predicted.Where(e => e.Method == operation.Method && Scorer.Belongs(e, operation)).ToList();
        // A template that is right for another operation may still have absorbed this one's calls (/users/{id}
        // taking /users/me) …
        if (receivers.Any(e => Differs(Segments(e.Path), expected, parameterWhereLiteral: true)))
        {
            return MissClass.LiteralSiblingsMerged;
        }
        // … but a literal sibling that is right for its own operation is no evidence of over-splitting.
        if (receivers.Where(e => !trueKeys.Contains(Scorer.Key(e))).Any(e => Differs(Segments(e.Path), expected, parameterWhereLiteral: false)))
        {
            return MissClass.OverSplitParameter;
        }
        return MissClass.Other;
    }

    private static MissClass ClassifyExtra(CatalogEndpoint extra, List<TruthOperation> expected)
    {
        var key = Scorer.Key(extra);
        var candidates = expected.Where(t => t.Method == extra.Method && Scorer.Belongs(extra, t)).OrderBy(t => t.Path.Count(c => c == '{')).ToList();
        if (candidates.Any(t => t.HasSingleValuedParameter && extra.Method + " " + PathShape.Of(t.TrafficDecidablePath) == key))
        {
            return MissClass.SingleValuedParameter;
        }
        if (candidates.FirstOrDefault() is not { } operation)
        {
            return MissClass.Other;
        }
        if (HasEmbeddedPlaceholder(operation.Path))
        {
            return MissClass.EmbeddedPlaceholder;
        }
        var got = Segments(extra.Path);
        var truth = Segments(operation.Path);
        return Differs(got, truth, parameterWhereLiteral: true) ? MissClass.LiteralSiblingsMerged
            : Differs(got, truth, parameterWhereLiteral: false) ? MissClass.OverSplitParameter
            : MissClass.Other;
    }

    /// <summary>Whether <paramref name="got"/> has a parameter where the truth has a literal (or, with false, a
    /// literal where the truth has a parameter) at some position.</summary>
    private static bool Differs(string[] got, string[] truth, bool parameterWhereLiteral) =>
        got.Length == truth.Length && got.Zip(truth).Any(p => parameterWhereLiteral
            ? IsParameter(p.First) && !IsParameter(p.Second)
            : !IsParameter(p.First) && IsParameter(p.Second));

    internal static bool HasEmbeddedPlaceholder(string template) =>
        Segments(template).Any(s => s.Contains('{') && !(s.StartsWith('{') && s.EndsWith('}') && s.IndexOf('{', 1) < 0));

    private static bool IsParameter(string segment) => segment.Contains('{');

    private static string[] Segments(string path) => path.TrimEnd('/').Split('/');

    private static string Key(TruthOperation operation) => operation.Method + " " + PathShape.Of(operation.Path);
}

/// <summary>False negatives and false positives per <see cref="MissClass"/>.</summary>
internal sealed class MissCounts
{
    private readonly int[] _falseNegatives = new int[MissClasses.All.Length];
    private readonly int[] _falsePositives = new int[MissClasses.All.Length];

    public void Add(MissClass value, bool falseNegative) => (falseNegative ? _falseNegatives : _falsePositives)[(int)value]++;

    public int FalseNegatives(MissClass value) => _falseNegatives[(int)value];

    public int FalsePositives(MissClass value) => _falsePositives[(int)value];

    public int TotalFalseNegatives => _falseNegatives.Sum();

    public int TotalFalsePositives => _falsePositives.Sum();
}
