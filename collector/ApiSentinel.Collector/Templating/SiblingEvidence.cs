using System.Globalization;

namespace ApiSentinel.Collector.Templating;

/// <summary>
/// Decides whether a handful of rare sibling words are values of one parameter, on evidence beyond their count.
/// On real APIs most operations are called a few times, so a parameter position often holds three or four words each
/// seen once or twice — far below the cardinality threshold (20 public OpenAPI documents: 838 endpoints for 614
/// operations, most false ones such splits). Fixed siblings (<c>/users/me</c>, <c>/repos/search</c>) are the risk,
/// so every rule needs the candidates to be alike in more than rarity:
/// <list type="bullet">
/// <item><b>sub-tree</b>: candidates are grouped by the structure below them (whether calls end there, whether
/// identifiers follow, which child names they share, whether other children follow); only one group can merge.</item>
/// <item><b>shape</b>: candidates whose calls disagree with the others' (different required query parameters,
/// different response fields, see <see cref="NodeShape.Compare"/>) are taken out as different operations.</item>
/// <item>then one of: <b>short codes</b> (three or more 2–3 letter codes of one case and length: <c>es</c>,
/// <c>pt</c>, <c>EUR</c>); <b>slugs</b> (every word joins letters and numbers with a separator:
/// <c>blog-post-42</c>); <b>shared shape</b> (two or more whose responses agree); <b>shared sub-tree</b> (two or more,
/// most sharing a child name below); <b>nested values</b> (three or more, each followed only by its own rare words);
/// <b>rare words</b> (five or more, each rare, under a literal parent).</item>
/// </list>
/// Plural nouns are sub-resource names far more often than values (<c>/projects/{id}/issues|pulls</c>), so a group
/// that is mostly plurals is left to the cardinality rule. Every input is a count or a set, never an order.
/// </summary>
internal sealed class SiblingEvidence(TemplatingOptions options)
{
    private const int MinShortCodes = 3;
    private const int MinAlike = 2;
    private const int MinNestedValues = 3;
    private const int MinAtFirstResource = 3;

    /// <summary>Agreeing pairs needed per disagreeing pair for a group to stay one parameter.</summary>
    private const int MaxDisagreeingShare = 8;

    /// <summary>The words to merge (empty when the evidence is not enough), why, and how sure.</summary>
    public readonly record struct Decision(List<string> Words, string Evidence, double Confidence)
    {
        public static Decision None => new([], "", 0);
    }

    /// <param name="words">Word children of the position, merged over the group of parent nodes.</param>
    /// <param name="candidates">The rare words that no other rule merged.</param>
    /// <param name="values">Identifier-valued children of the position (they join the parameter too).</param>
    /// <param name="parentIsParameter">Whether the position is below a parameter (sub-resources are likelier there).</param>
    /// <param name="firstResource">
    /// The first position after the prefix, a resource name by default: only identifiers, codes, slugs, release
    /// numbers or agreeing shapes, and at least three of them, make it a parameter.
    /// </param>
    public Decision Decide(
        Dictionary<string, (List<ObservedNode> Nodes, long Count)> words, List<string> candidates,
        List<ObservedNode> values, bool parentIsParameter, bool firstResource)
    {
        if (candidates.Count < (firstResource ? MinAtFirstResource : MinAlike))
        {
            return Decision.None;
        }

        var group = LargestStructureGroup(words, candidates, out bool sharedBelow, out bool nestedValues);
        if (group.Count < MinAlike)
        {
            return Decision.None;
        }

        var shapes = group.ToDictionary(w => w, w => ShapeOf(words[w].Nodes), StringComparer.Ordinal);
        int agreeing = RemoveShapeOutliers(group, shapes, ValuesShape(values));
        if (group.Count < (firstResource ? MinAtFirstResource : MinAlike) || agreeing < 0)
        {
            return Decision.None;
        }

        group.Sort(StringComparer.Ordinal);
        long mostCalls = group.Max(w => words[w].Count);
        string each = string.Create(CultureInfo.InvariantCulture, $"{group.Count} distinct words, each ≤ {mostCalls} calls");
        string shapeNote = agreeing > 0 ? "; siblings share response shape" : "";

        if (group.Count >= MinShortCodes && AreShortCodes(group))
        {
            return new Decision(group, string.Create(
                CultureInfo.InvariantCulture, $"short codes: {group.Count} distinct {group[0].Length}-letter codes, each ≤ {mostCalls} calls{shapeNote}"),
                agreeing > 0 ? 0.85 : 0.75);
        }

        // Most, not all: a rare fixed sibling among them cannot be told apart by text, and costs one template.
        if (Most(group, IsSlug))
        {
            return new Decision(group, $"slugs: {each}, letters and numbers joined{shapeNote}", agreeing > 0 ? 0.85 : 0.75);
        }

        if (group.TrueForAll(IsReleaseNumber))
        {
            return new Decision(group, $"release numbers: {each}{shapeNote}", agreeing > 0 ? 0.85 : 0.75);
        }

        if (Most(group, w => SegmentClassifier.Classify(w) != ValueClass.None || IsSlug(w)))
        {
            return new Decision(group, $"value class: {each}, each an identifier{shapeNote}", 0.8);
        }

        if (LooksLikeSubResources(group))
        {
            return Decision.None;
        }

        if (firstResource)
        {
            return agreeing > 0 ? new Decision(group, $"shape: {each}; siblings share response shape", 0.65)
                : sharedBelow ? new Decision(group, $"sub-tree: {each}, sharing the children below them", 0.6)
                : Decision.None;
        }

        if (agreeing > 0)
        {
            return new Decision(group, $"shape: {each}; siblings share response shape", 0.7);
        }

        if (sharedBelow)
        {
            return new Decision(group, $"sub-tree: {each}, sharing the children below them", 0.7);
        }

        if (nestedValues && group.Count >= MinNestedValues)
        {
            return new Decision(group, $"sub-tree: {each}, each followed by its own rare values", 0.65);
        }

        if (!parentIsParameter && group.Count >= options.MinDistinctUniqueValuesForParameter)
        {
            return new Decision(group, $"cardinality: {each}", 0.65);
        }

        return Decision.None;
    }

    /// <summary>
    /// Groups the candidates by what lies below them — nothing (a leaf), identifiers, words — and returns the largest group (ties: the smallest key, so the choice is independent of order).
    /// Within it, <paramref name="sharedBelow"/> says whether most members share a child name with another member
    /// (a common literal below values: <c>/articles/{slug}/comments</c>), and <paramref name="nestedValues"/> whether
    /// every member is followed only by rare words (values below values: <c>/entries/{lang}/{word}</c>).
    /// </summary>
    private List<string> LargestStructureGroup(
        Dictionary<string, (List<ObservedNode> Nodes, long Count)> words, List<string> candidates,
        out bool sharedBelow, out bool nestedValues)
    {
        var groups = new Dictionary<int, List<string>>();
        foreach (string word in candidates)
        {
            int key = 0;
            foreach (var node in words[word].Nodes)
            {
                key |= (node.Values is not null ? 2 : 0) | (HasResourceChild(node) ? 4 : 0);
            }

            // Whether calls also end at a node with children says little (GET /journals/{id} and its /issues), so
            // it only tells leaves (key 1) apart.
            key = key == 0 ? 1 : key;

            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
            }

            members.Add(word);
        }

        var best = groups.OrderByDescending(g => g.Value.Count).ThenBy(g => g.Key).First();
        var group = best.Value;
        sharedBelow = false;
        nestedValues = false;

        // Child word → (members holding it, its calls under them).
        var children = new Dictionary<string, (int Holders, long Calls)>(StringComparer.Ordinal);
        foreach (string word in group)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in words[word].Nodes)
            {
                if (node.Words is null)
                {
                    continue;
                }

                foreach (var (child, childNode) in node.Words)
                {
                    children.TryGetValue(child, out var entry);
                    entry.Calls += childNode.Count;
                    entry.Holders += seen.Add(child) ? 1 : 0;
                    children[child] = entry;
                }
            }
        }

        int sharing = 0;
        foreach (string word in group)
        {
            bool shares = false;
            foreach (var node in words[word].Nodes)
            {
                if (node.Words is null)
                {
                    continue;
                }

                foreach (string child in node.Words.Keys)
                {
                    shares |= children[child].Holders >= 2;
                }
            }

            sharing += shares ? 1 : 0;
        }

        sharedBelow = sharing * 2 >= group.Count && sharing >= MinAlike;
        nestedValues = (best.Key & 4) != 0 &&
            children.Values.All(c => c.Holders == 1 && c.Calls <= options.MaxCallsOfRareValue);
        return group;
    }

    /// <summary>
    /// Whether a node has a child segment other than a custom method. A custom method (<c>{name}:cancel</c>) is an
    /// operation on the value itself, not a sub-resource, so a value called with and without one is still a leaf
    /// for grouping; the suffixes still count as shared children.
    /// </summary>
    private static bool HasResourceChild(ObservedNode node)
    {
        if (node.Words is null)
        {
            return false;
        }

        foreach (string child in node.Words.Keys)
        {
            if (!CustomMethodSuffix.IsSuffix(child))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether most of the words hold a child name that is typical of the group — held by at least a third of them —
    /// as values of one parameter do: every value reaches the same operations below it (<c>/catalogs/{storeId}/
    /// products|channels</c>). Fixed sub-resources also share the odd child (<c>/Employer/{id}/Employees|PayCodes|
    /// HolidaySchemes/…/Tags</c>, <c>/latest/universe|markets/groups</c>), but each such name is held by a handful of
    /// forty siblings (dev partition, seed 1), which "held by two others" counted as a shared sub-tree.
    /// </summary>
    public static bool ShareChildren(List<string> group, Dictionary<string, (List<ObservedNode> Nodes, long Count)> words)
    {
        var holders = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string word in group)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in words[word].Nodes)
            {
                if (node.Words is not null)
                {
                    seen.UnionWith(node.Words.Keys);
                }
            }

            foreach (string child in seen)
            {
                holders[child] = holders.GetValueOrDefault(child) + 1;
            }
        }

        int typical = Math.Max(MinAlike, (group.Count + 2) / 3);
        int sharing = 0;
        foreach (string word in group)
        {
            bool shares = false;
            foreach (var node in words[word].Nodes)
            {
                if (node.Words is not null)
                {
                    foreach (string child in node.Words.Keys)
                    {
                        shares |= holders[child] >= typical;
                    }
                }
            }

            sharing += shares ? 1 : 0;
        }

        return sharing >= MinAlike && sharing * 2 >= group.Count;
    }

    /// <summary>
    /// Takes out the candidates whose shape disagrees with more siblings (or the identifiers beside them) than it
    /// agrees with. Returns the agreeing pairs left, or -1 when disagreement remains (the group is several operations).
    /// </summary>
    private static int RemoveShapeOutliers(List<string> group, Dictionary<string, NodeShape> shapes, NodeShape? reference)
    {
        var outliers = new List<string>();
        foreach (string word in group)
        {
            int agree = 0, disagree = 0;
            foreach (string other in group)
            {
                if (!ReferenceEquals(word, other))
                {
                    Count(NodeShape.Compare(shapes[word], shapes[other]), ref agree, ref disagree);
                }
            }

            if (reference is { } values)
            {
                Count(NodeShape.Compare(shapes[word], values), ref agree, ref disagree);
            }

            if (disagree > agree)
            {
                outliers.Add(word);
            }
        }

        group.RemoveAll(outliers.Contains);
        int pairs = 0, disagreeing = 0;
        for (int i = 0; i < group.Count; i++)
        {
            for (int j = i + 1; j < group.Count; j++)
            {
                Count(NodeShape.Compare(shapes[group[i]], shapes[group[j]]), ref pairs, ref disagreeing);
            }
        }

        // A few disagreeing pairs among many agreeing ones are calls, not operations: one call in twelve or so gets an
        // error status, whose response set differs from every success's (dev partition: the Google-style /v1/{name}
        // positions, 200+ values each seen once, failed on a single such pair). Several operations disagree
        // systematically; in a small group one disagreeing pair still outweighs the agreeing ones.
        return disagreeing * MaxDisagreeingShare > pairs ? -1 : pairs;
    }

    private static bool Most(List<string> group, Func<string, bool> test)
    {
        int count = 0;
        foreach (string word in group)
        {
            count += test(word) ? 1 : 0;
        }

        return count >= MinAlike && count * 2 > group.Count;
    }

    private static void Count(ShapeAgreement agreement, ref int agree, ref int disagree)
    {
        agree += agreement == ShapeAgreement.Agree ? 1 : 0;
        disagree += agreement == ShapeAgreement.Disagree ? 1 : 0;
    }

    private static NodeShape ShapeOf(List<ObservedNode> nodes)
    {
        var shape = default(NodeShape);
        foreach (var node in nodes)
        {
            shape.Methods |= node.Shape.Methods;
            shape.Responses = (byte)Math.Min(byte.MaxValue, shape.Responses + node.Shape.Responses);
            shape.ResponseBits |= node.Shape.ResponseBits;
            shape.QueryBits |= node.Shape.QueryBits;
            shape.HasFields |= node.Shape.HasFields;
        }

        return shape;
    }

    /// <summary>The identifiers' shape, when every one of their calls was recorded (else it would depend on order).</summary>
    private NodeShape? ValuesShape(List<ObservedNode> values)
    {
        if (values.Count == 0 || !values.TrueForAll(v => v.ShapeComplete(options)))
        {
            return null;
        }

        return ShapeOf(values);
    }

    /// <summary>
    /// Language, country, currency and region codes: 2–3 ASCII letters, all of one case, all of one length. A fixed
    /// sibling that happens to be short (<c>me</c>) is one word; three same-shaped ones are a code list.
    /// </summary>
    private static bool AreShortCodes(List<string> group)
    {
        int length = group[0].Length;
        if (length is < 2 or > 3)
        {
            return false;
        }

        bool upper = char.IsAsciiLetterUpper(group[0][0]);
        foreach (string word in group)
        {
            if (word.Length != length)
            {
                return false;
            }

            foreach (char c in word)
            {
                if (upper ? !char.IsAsciiLetterUpper(c) : !char.IsAsciiLetterLower(c))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// A slug or handle with a number: letter parts and digit parts joined by <c>-</c>, <c>_</c> or <c>.</c>
    /// (<c>blog-post-42</c>, <c>user_1093</c>). Endpoint names rarely carry a number other than a version
    /// (<c>oauth2</c>, <c>v2</c> have no separated digit part; <c>health-v2</c> is a version part and does not count).
    /// </summary>
    internal static bool IsSlug(string word)
    {
        bool letters = false, digits = false, separator = false;
        int start = 0;
        for (int i = 0; i <= word.Length; i++)
        {
            if (i < word.Length && word[i] is not ('-' or '_' or '.'))
            {
                if (!char.IsAsciiLetterOrDigit(word[i]))
                {
                    return false;
                }

                continue;
            }

            if (i == start)
            {
                return false;
            }

            var part = word.AsSpan(start, i - start);
            if (SegmentClassifier.IsVersion(part))
            {
                return false;
            }

            digits |= !part.ContainsAnyExceptInRange('0', '9');
            letters |= part.ContainsAnyInRange('a', 'z') || part.ContainsAnyInRange('A', 'Z');
            separator |= i < word.Length;
            start = i + 1;
        }

        return letters && digits && separator;
    }

    /// <summary>
    /// A release number: three or more numeric parts, with an optional <c>v</c> (<c>v1.2.3</c>, <c>10.0.1</c>). An API
    /// version has one or two (<see cref="SegmentClassifier.IsVersion"/>); a release is a value, like a date.
    /// </summary>
    internal static bool IsReleaseNumber(string word)
    {
        var rest = word.AsSpan(word.Length > 0 && (word[0] | 0x20) == 'v' ? 1 : 0);
        int parts = 0;
        foreach (var range in rest.Split('.'))
        {
            var part = rest[range];
            if (part.IsEmpty || part.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            parts++;
        }

        return parts >= 3;
    }

    /// <summary>
    /// Sub-resource names under an id (<c>/repos/{repoId}/{repoId2}/issues|pulls|commits|releases|…</c>) are
    /// also many words each with a small share of traffic, but they are mostly English plurals, while word-valued
    /// identifiers (logins, repository names, slugs) rarely are. When more than half the candidates are plurals, the
    /// position needs four times the usual evidence before it becomes a parameter. (More than half, not half: one
    /// value of two that ends in "s" — "kubernetes" — is not a pattern.)
    /// </summary>
    public bool LooksLikeSubResources(List<string> candidates)
    {
        if (candidates.Count >= 4 * options.MinDistinctValuesForParameter)
        {
            return false;
        }

        int plurals = 0;
        foreach (string word in candidates)
        {
            plurals += IsPlural(word) ? 1 : 0;
        }

        return plurals * 2 > candidates.Count;
    }

    /// <summary>
    /// A plural noun, judged by its last word: after a separator (<c>feature-flags</c>, <c>audit_logs</c>) or a
    /// camel-case hump (<c>ListingProviders</c>, <c>betaBuildLocalizations</c>), lower-cased.
    /// </summary>
    internal static bool IsPlural(string word)
    {
        int start = word.LastIndexOfAny(['-', '_', '.']) + 1;
        for (int i = word.Length - 1; i > start; i--)
        {
            if (char.IsAsciiLetterUpper(word[i]))
            {
                start = i;
                break;
            }
        }

        string last = word[start..].ToLowerInvariant();
        return last.Length > 0 && !string.Equals(ParameterNaming.Singularize(last), last, StringComparison.Ordinal);
    }
}
