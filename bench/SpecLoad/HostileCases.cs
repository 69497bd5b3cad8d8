using ApiSentinel.Collector.Tests.Specs.Hostile;

namespace ApiSentinel.Bench.SpecLoad;

/// <summary>The hostile and large classes of issue 6 at the sizes the issue measured them.</summary>
internal static class HostileCases
{
    public static IReadOnlyList<(string Name, string Item, string Extension, Func<string> Generate)> All { get; } =
    [
        ("flow-nesting-50k", "8", "yaml", () => HostileSpecs.FlowNesting(50_000)),
        ("block-nesting-5k", "8", "yaml", () => HostileSpecs.BlockNesting(5_000)),
        ("json-nesting-50k", "8", "json", () => HostileSpecs.JsonNesting(50_000, objects: false)),
        ("alias-long-string-1MB", "9", "yaml", () => HostileSpecs.AliasOfLongString(500_000, 100_000)),
        ("alias-laughs-9", "9", "yaml", () => HostileSpecs.AliasLaughs(9)),
        ("merge-bomb-30", "9", "yaml", () => HostileSpecs.MergeBomb(30)),
        ("allof-fanout-6KB", "10", "yaml", () => HostileSpecs.CompositionFanOut(15, 10)),
        ("property-fanout-5KB", "10", "yaml", () => HostileSpecs.PropertyFanOut(12, 10)),
        ("servers-2000x5000", "11", "json", () => HostileSpecs.ServersTimesPaths(2_000, 5_000)),
        ("paths-100k-7.5MB", "12", "json", () => HostileSpecs.ManyPaths(100_000)),
        ("yaml-keys-1M", "12", "yaml", () => HostileSpecs.ManyYamlKeys(1_000_000)),
        ("lone-surrogate", "13", "json", () => HostileSpecs.LoneSurrogate()),
        ("ref-cycle", "13", "yaml", () => HostileSpecs.ReferenceCycle()),
        ("escapes-in-error", "13", "json", HostileSpecs.EscapesInQuotedText),
    ];
}
