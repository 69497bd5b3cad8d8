namespace ApiSentinel.Collector.Templating;

/// <summary>
/// Thresholds of <see cref="PathTemplater"/>. The defaults were chosen against the accuracy self-check in the tests
/// (about 30 GitHub-, Stripe- and Petstore-like path families): they keep collections such as
/// <c>/users/{userId}/orders</c> literal while merging word-valued identifiers such as GitHub owners.
/// </summary>
public sealed class TemplatingOptions
{
    /// <summary>
    /// Minimum number of distinct rare word values at one position before the position becomes a parameter by
    /// cardinality (default 10). Value-class segments (numbers, UUIDs, …) do not need this: they are parameters on
    /// their own evidence. Ten is above the number of sub-collections a REST resource usually has.
    /// </summary>
    public int MinDistinctValuesForParameter { get; init; } = 10;

    /// <summary>
    /// Distinct word literals (default 5) that make a parameter position on their own when every one of them was
    /// seen exactly once — the shape of identifiers in a short capture, where fixed siblings repeat.
    /// </summary>
    public int MinDistinctUniqueValuesForParameter { get; init; } = 5;

    /// <summary>
    /// A word literal whose share of its position's traffic is at least this (default 0.2) stays literal even at a
    /// parameter position — the frequent fixed sibling (<c>/users/me</c> among word user names). Below it, the word is
    /// one of the "many and each rare" values that make a position a parameter.
    /// </summary>
    public double MaxShareOfParameterValue { get; init; } = 0.2;

    /// <summary>
    /// Whether the first segment of a path (after any <see cref="ApiPrefixSegments"/> and version segments) may be a
    /// parameter (default false: <c>/12345</c> stays literal; roots are resources, not values).
    /// </summary>
    public bool FirstSegmentMayBeParameter { get; init; }

    /// <summary>Whether version segments (<c>v1</c>, <c>v1.2</c>, <c>v2beta1</c>) may be parameters (default false).</summary>
    public bool VersionSegmentsMayBeParameters { get; init; }

    /// <summary>
    /// Leading segments that are a prefix rather than a resource (default <c>api</c>, <c>rest</c>); like version
    /// segments and date-style API versions (<c>/2024-01-01/…</c>) they extend the protected root, so in
    /// <c>/api/v1/users</c> the protected "first segment" is <c>users</c>.
    /// </summary>
    public IReadOnlyList<string> ApiPrefixSegments { get; init; } = ["api", "rest"];

    /// <summary>
    /// Distinct word literals tracked per trie node (default 256, the memory bound). Beyond it new words at that node
    /// are counted into the node's parameter child without being stored; since it is far above
    /// <see cref="MinDistinctValuesForParameter"/>, such a node is already a parameter position.
    /// </summary>
    public int MaxTrackedLiteralsPerNode { get; init; } = 256;

    /// <summary>
    /// Trie nodes per host (default 100 000). Word identifiers under word identifiers (<c>/repos/{owner}/{repo}</c>)
    /// multiply nodes before the per-node cap bites; this is the overall bound. Beyond it new words go to parameter
    /// children, as with the per-node cap.
    /// </summary>
    public int MaxNodesPerHost { get; init; } = 100_000;

    /// <summary>
    /// Path segments the trie follows; a deeper path is filed at that depth (its call counted as truncated). Default 64:
    /// real API paths are a few segments deep, while one request of <c>/a</c> × 8,000 (16 KB, well inside a request
    /// head) made compilation recurse 8,000 levels and overflow the stack — which no handler can catch — and its
    /// state could no longer be imported (nesting past the reader's bound).
    /// </summary>
    public int MaxPathSegments { get; init; } = 64;

    /// <summary>
    /// Templates are recomputed from the trie lazily, on <see cref="PathTemplater.Resolve"/>, once the calls observed
    /// since the last computation reach 1/<c>RecomputeDivisor</c> of all calls for the host after a shape change
    /// (new literal, new parameter class) — default 256 — and 8× that for count-only changes. This keeps
    /// the amortised cost per call proportional to (trie size / calls) while staying at most 1/32 stale on counts.
    /// </summary>
    public int RecomputeDivisor { get; init; } = 256;

    /// <summary>
    /// A word seen at most this many times (default 2) is "rare": fresh values of a parameter are seen once or twice,
    /// fixed siblings repeat. Rare siblings become a parameter on smaller evidence than cardinality when their shape,
    /// sub-tree or text says they are alike (see <see cref="SiblingEvidence"/>).
    /// </summary>
    public int MaxCallsOfRareValue { get; init; } = 2;

    /// <summary>
    /// Calls per trie node whose shape (method, status, content type, field and query names) is recorded (default 16).
    /// Shape is compared only between rare nodes, so this only needs to exceed <see cref="MaxCallsOfRareValue"/>; it
    /// bounds the per-call cost to one comparison once a node is established.
    /// </summary>
    public int ShapeCallsPerNode { get; init; } = 16;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinDistinctValuesForParameter, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinDistinctUniqueValuesForParameter, 2);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxShareOfParameterValue, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxShareOfParameterValue, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTrackedLiteralsPerNode, MinDistinctValuesForParameter);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNodesPerHost, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPathSegments, 1);
        // Compilation and the state file nest one level per segment (the state reader allows 2,048).
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPathSegments, 1_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(RecomputeDivisor, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCallsOfRareValue, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ShapeCallsPerNode, MaxCallsOfRareValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ShapeCallsPerNode, 255);
        ArgumentNullException.ThrowIfNull(ApiPrefixSegments);
    }
}
