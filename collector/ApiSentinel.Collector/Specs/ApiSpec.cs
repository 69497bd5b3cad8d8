using ApiSentinel.Collector.Specs.Loading;

namespace ApiSentinel.Collector.Specs;

/// <summary>
/// One loaded API description (OpenAPI 3.0, 3.1 or Swagger 2.0; JSON or YAML), reduced to what the collector needs.
/// No Microsoft.OpenApi type leaves the Specs stage: the rest of the collector depends only on the reduced model.
/// </summary>
/// <remarks>
/// Loading is bounded by a <see cref="SpecBudget"/> and lenient about rule breaches: a published spec that breaks
/// a validation rule (duplicate path signatures, a dangling <c>$ref</c>) is still loaded, with each problem in
/// <see cref="Warnings"/>. Only a document that is not OpenAPI/Swagger at all, or that exceeds its budget, is
/// refused with a <see cref="SpecException"/>. See <see cref="SpecLoader"/>.
/// </remarks>
public sealed class ApiSpec
{
    internal ApiSpec(string title, string? version, IReadOnlyList<string> hosts, IReadOnlyList<string> basePaths,
        IReadOnlyList<SpecOperation> operations, IReadOnlyList<SpecWarning> warnings, long warningsDropped, string sourceName)
    {
        Title = title;
        Version = version;
        Hosts = hosts;
        BasePaths = basePaths;
        Operations = operations;
        Warnings = warnings;
        WarningsDropped = warningsDropped;
        SourceName = sourceName;
    }

    public string Title { get; }

    public string? Version { get; }

    /// <summary>Lower-case <c>host[:port]</c> from servers / host; empty when the spec names none.</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>Server URL paths / basePath (without trailing slash; empty when all servers are at the root).</summary>
    public IReadOnlyList<string> BasePaths { get; }

    public IReadOnlyList<SpecOperation> Operations { get; }

    /// <summary>Problems that did not stop loading, each with its kind and location (at most <see cref="SpecBudget.MaxWarnings"/>).</summary>
    public IReadOnlyList<SpecWarning> Warnings { get; }

    /// <summary>Warnings beyond <see cref="SpecBudget.MaxWarnings"/>, counted but not kept.</summary>
    public long WarningsDropped { get; }

    /// <summary>The file path or name the document came from (for messages).</summary>
    public string SourceName { get; }

    /// <summary>
    /// The text the spec was parsed from (<see cref="Parse(string, string, SpecBudget)"/>), null when loaded from a
    /// file. A spec set at run time is kept in the catalog's state as this text and parsed again on import: a spec is
    /// a published document, not traffic, and its size is already bounded by the budget it was parsed under.
    /// </summary>
    internal string? Document { get; private set; }

    public static ApiSpec Load(string path) => Load(path, SpecBudget.Default);

    public static ApiSpec Load(string path, SpecBudget budget) => SpecLoader.Load(path, budget);

    public static ApiSpec Parse(string text, string sourceName) => Parse(text, sourceName, SpecBudget.Default);

    public static ApiSpec Parse(string text, string sourceName, SpecBudget budget)
    {
        var spec = SpecLoader.Parse(text, sourceName, budget);
        spec.Document = text;
        return spec;
    }
}
